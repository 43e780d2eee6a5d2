package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.shared.ColumnText;
import org.filtermx.domain.model.spool.SpoolRecipient;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpooledMessage;

/** The spool in the database that every node reaches; leases are conditional updates. */
@ApplicationScoped
public class JpaSpoolRepository implements SpoolRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    private static final String INSERT_MESSAGE =
            "INSERT INTO spool_message (queue_id, log_id, target_domain, sender,"
                    + " state, attempts, size_bytes, created_at, next_attempt_at, expires_at, lease_owner, lease_until,"
                    + " last_reply) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CONTENT =
            "INSERT INTO spool_content (spool_id, content, body_id, dsn_withheld)"
                    + " VALUES (?, ?, ?, ?)";
    private static final String SELECT_CONTENT =
            "SELECT c.content, c.body_id, b.content FROM spool_content c"
                    + " LEFT JOIN message_body b ON b.id = c.body_id WHERE c.spool_id = ?";
    private static final String INSERT_RECIPIENT =
            "INSERT INTO spool_recipient (spool_id, address,"
                    + " original_address, state, last_reply) VALUES (?, ?, ?, ?, ?)";

    /**
     * Three statements by plain JDBC (see {@link Jdbc}): the message, its bytes, its recipients. A
     * part that shares its body stores only its own header lines and the body's id (ADR 0015).
     */
    @Override
    public SpooledMessage add(SpooledMessage message, StoredContent content, String dsnWithheld) {
        long id =
                Jdbc.on(
                        em,
                        c -> {
                            long generated;
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            INSERT_MESSAGE, Statement.RETURN_GENERATED_KEYS)) {
                                ps.setString(1, message.queueId());
                                ps.setLong(2, message.logId());
                                ps.setString(3, message.targetDomain());
                                ps.setString(4, message.sender());
                                ps.setInt(5, message.attempts());
                                ps.setLong(6, message.size());
                                Jdbc.setTime(ps, 7, message.createdAt());
                                Jdbc.setTime(ps, 8, message.nextAttemptAt());
                                Jdbc.setTime(ps, 9, message.expiresAt());
                                ps.setString(10, message.leaseOwner());
                                Jdbc.setTime(ps, 11, message.leaseUntil());
                                ps.setString(12, message.lastReply());
                                generated = Jdbc.insertReturningId(ps);
                            }
                            try (PreparedStatement ps = c.prepareStatement(INSERT_CONTENT)) {
                                ps.setLong(1, generated);
                                if (content.shared()) {
                                    ps.setBytes(2, content.head());
                                    ps.setLong(3, content.bodyId());
                                } else {
                                    // Head and body streamed into the statement, never joined in
                                    // one more array.
                                    ps.setBinaryStream(2, content.open(), content.size());
                                    ps.setNull(3, Types.BIGINT);
                                }
                                ps.setString(
                                        4,
                                        dsnWithheld == null
                                                ? null
                                                : ColumnText.fit(dsnWithheld, 255));
                                ps.executeUpdate();
                            }
                            try (PreparedStatement ps = c.prepareStatement(INSERT_RECIPIENT)) {
                                for (SpoolRecipient r : message.recipients()) {
                                    ps.setLong(1, generated);
                                    ps.setString(2, r.address());
                                    ps.setString(3, r.originalAddress());
                                    ps.setString(4, r.state().name());
                                    ps.setString(5, r.lastReply());
                                    ps.addBatch();
                                }
                                ps.executeBatch();
                            }
                            return generated;
                        });
        message.assignId(id);
        return message;
    }

    @Override
    public Optional<String> dsnWithheld(long spoolId) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT dsn_withheld FROM spool_content WHERE spool_id = ?")) {
                        ps.setLong(1, spoolId);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? Optional.ofNullable(rs.getString(1))
                                    : Optional.empty();
                        }
                    }
                });
    }

    @Override
    public Optional<SpooledMessage> find(long id) {
        return Optional.ofNullable(em.find(SpooledMessage.class, id));
    }

    @Override
    public StoredContent contentOf(long spoolId) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(SELECT_CONTENT)) {
                        ps.setLong(1, spoolId);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException(
                                        "spooled message " + spoolId + " has no content");
                            }
                            byte[] own = rs.getBytes(1);
                            long bodyId = rs.getLong(2);
                            if (rs.wasNull()) {
                                return StoredContent.of(own);
                            }
                            byte[] body = rs.getBytes(3);
                            if (body == null) {
                                throw new IllegalStateException(
                                        "spooled message " + spoolId + " lost its body " + bodyId);
                            }
                            return new StoredContent(own, body, bodyId);
                        }
                    }
                });
    }

    @Override
    public void removeAll(Collection<Long> spoolIds) {
        if (spoolIds.isEmpty()) {
            return;
        }
        // The bytes and the recipients go with the rows (ON DELETE CASCADE); pending changes to
        // them are flushed first so that nothing is written to a removed row afterwards.
        em.flush();
        // In id order, so that two batches lock the rows they share in the same order.
        List<Long> ids = spoolIds.stream().distinct().sorted().toList();
        Jdbc.on(
                em,
                c -> {
                    String marks = "?, ".repeat(ids.size() - 1) + "?";
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "DELETE FROM spool_message WHERE id IN (" + marks + ")")) {
                        int i = 1;
                        for (long id : ids) {
                            ps.setLong(i++, id);
                        }
                        return ps.executeUpdate();
                    }
                });
    }

    @Override
    public List<Long> findDue(Instant now, int max) {
        return em.createNamedQuery("SpooledMessage.findDue", Long.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public boolean claim(long id, String owner, Instant now, Instant until) {
        return em.createNamedQuery("SpooledMessage.claim")
                        .setParameter("owner", owner)
                        .setParameter("until", until)
                        .setParameter("id", id)
                        .setParameter("now", now)
                        .executeUpdate()
                == 1;
    }

    @Override
    public int releaseLeases(Collection<Long> ids, String owner) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery(
                        "UPDATE SpooledMessage m SET m.leaseOwner = NULL, m.leaseUntil = NULL"
                                + " WHERE m.id IN :ids AND m.leaseOwner = :owner")
                .setParameter("ids", ids)
                .setParameter("owner", owner)
                .executeUpdate();
    }

    @Override
    public int releaseLeasesOf(String owner) {
        return em.createNamedQuery("SpooledMessage.releaseLeasesOf")
                .setParameter("owner", owner)
                .executeUpdate();
    }
}
