package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
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
        Jdbc.on(
                em,
                c -> {
                    long generated;
                    try (PreparedStatement ps =
                            c.prepareStatement(INSERT_MESSAGE, Statement.RETURN_GENERATED_KEYS)) {
                        bindMessage(ps, 1, message);
                        generated = Jdbc.insertReturningId(ps);
                    }
                    message.assignId(generated);
                    try (PreparedStatement ps = c.prepareStatement(INSERT_CONTENT)) {
                        bindContent(ps, 1, new NewMessage(message, content, dsnWithheld));
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(INSERT_RECIPIENT)) {
                        for (SpoolRecipient r : message.recipients()) {
                            bindRecipient(ps, 1, generated, r);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return generated;
                });
        return message;
    }

    /**
     * Three statements for all the messages (more where their bytes exceed one statement's share,
     * see {@link RowInserts}): theirs, their bytes, their recipients.
     */
    @Override
    public void addAll(List<NewMessage> messages) {
        if (messages.size() == 1) {
            NewMessage m = messages.get(0);
            add(m.message(), m.content(), m.dsnWithheld());
            return;
        }
        Jdbc.on(
                em,
                c -> {
                    long[] ids =
                            RowInserts.insertReturningIds(
                                    c,
                                    INSERT_MESSAGE,
                                    messages,
                                    (ps, i, m) -> bindMessage(ps, i, m.message()));
                    List<Recipient> recipients = new ArrayList<>();
                    for (int n = 0; n < ids.length; n++) {
                        SpooledMessage message = messages.get(n).message();
                        message.assignId(ids[n]);
                        for (SpoolRecipient r : message.recipients()) {
                            recipients.add(new Recipient(ids[n], r));
                        }
                    }
                    RowInserts.insertSized(
                            c,
                            INSERT_CONTENT,
                            messages,
                            (ps, i, m) -> bindContent(ps, i, m),
                            m ->
                                    m.content().shared()
                                            ? m.content().head().length
                                            : m.content().size());
                    RowInserts.insert(
                            c,
                            INSERT_RECIPIENT,
                            recipients,
                            (ps, i, r) -> bindRecipient(ps, i, r.spoolId(), r.recipient()));
                    return null;
                });
    }

    private record Recipient(long spoolId, SpoolRecipient recipient) {}

    private static void bindMessage(PreparedStatement ps, int i, SpooledMessage message)
            throws SQLException {
        ps.setString(i, message.queueId());
        ps.setLong(i + 1, message.logId());
        ps.setString(i + 2, message.targetDomain());
        ps.setString(i + 3, message.sender());
        ps.setInt(i + 4, message.attempts());
        ps.setLong(i + 5, message.size());
        Jdbc.setTime(ps, i + 6, message.createdAt());
        Jdbc.setTime(ps, i + 7, message.nextAttemptAt());
        Jdbc.setTime(ps, i + 8, message.expiresAt());
        ps.setString(i + 9, message.leaseOwner());
        Jdbc.setTime(ps, i + 10, message.leaseUntil());
        ps.setString(i + 11, message.lastReply());
    }

    /**
     * The message's bytes, or only its own header lines and the id of the body it shares (ADR
     * 0015); head and body are streamed into the statement, never joined in one more array.
     */
    private static void bindContent(PreparedStatement ps, int i, NewMessage m) throws SQLException {
        StoredContent content = m.content();
        ps.setLong(i, m.message().id());
        if (content.shared()) {
            ps.setBytes(i + 1, content.head());
            ps.setLong(i + 2, content.bodyId());
        } else {
            ps.setBinaryStream(i + 1, content.open(), content.size());
            ps.setNull(i + 2, Types.BIGINT);
        }
        ps.setString(i + 3, m.dsnWithheld() == null ? null : ColumnText.fit(m.dsnWithheld(), 255));
    }

    private static void bindRecipient(PreparedStatement ps, int i, long spoolId, SpoolRecipient r)
            throws SQLException {
        ps.setLong(i, spoolId);
        ps.setString(i + 1, r.address());
        ps.setString(i + 2, r.originalAddress());
        ps.setString(i + 3, r.state().name());
        ps.setString(i + 4, r.lastReply());
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
