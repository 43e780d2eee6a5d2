package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.spool.RecipientState;
import org.filtermx.domain.model.spool.SpoolContent;
import org.filtermx.domain.model.spool.SpoolRecipient;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpoolState;
import org.filtermx.domain.model.spool.SpooledMessage;

/** The spool in the database that every node reaches; leases are conditional updates. */
@ApplicationScoped
public class JpaSpoolRepository implements SpoolRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    private static final String INSERT_MESSAGE = "INSERT INTO spool_message (queue_id, log_id, target_domain, sender,"
            + " state, attempts, size_bytes, created_at, next_attempt_at, expires_at, lease_owner, lease_until,"
            + " last_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CONTENT = "INSERT INTO spool_content (spool_id, content) VALUES (?, ?)";
    private static final String INSERT_RECIPIENT = "INSERT INTO spool_recipient (spool_id, address,"
            + " original_address, state, last_reply) VALUES (?, ?, ?, ?, ?)";

    /** Three statements by plain JDBC (see {@link Jdbc}): the message, its bytes, its recipients. */
    @Override
    public SpooledMessage add(
            SpooledMessage message, byte[] content, Map<String, String> recipients) {
        long id = Jdbc.on(em, c -> {
            long generated;
            try (PreparedStatement ps = c.prepareStatement(INSERT_MESSAGE, Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, message.queueId());
                ps.setLong(2, message.logId());
                ps.setString(3, message.targetDomain());
                ps.setString(4, message.sender());
                ps.setString(5, message.state().name());
                ps.setInt(6, message.attempts());
                ps.setLong(7, message.size());
                Jdbc.setTime(ps, 8, message.createdAt());
                Jdbc.setTime(ps, 9, message.nextAttemptAt());
                Jdbc.setTime(ps, 10, message.expiresAt());
                ps.setString(11, message.leaseOwner());
                Jdbc.setTime(ps, 12, message.leaseUntil());
                ps.setString(13, message.lastReply());
                generated = Jdbc.insertReturningId(ps);
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_CONTENT)) {
                ps.setLong(1, generated);
                ps.setBytes(2, content);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_RECIPIENT)) {
                for (Map.Entry<String, String> r : recipients.entrySet()) {
                    ps.setLong(1, generated);
                    ps.setString(2, r.getKey());
                    ps.setString(3, r.getValue());
                    ps.setString(4, RecipientState.PENDING.name());
                    ps.setString(5, null);
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
    public Optional<SpooledMessage> find(long id) {
        return Optional.ofNullable(em.find(SpooledMessage.class, id));
    }

    @Override
    public List<SpoolRecipient> recipientsOf(long spoolId) {
        return em.createQuery(
                        "SELECT r FROM SpoolRecipient r WHERE r.spoolId = :id ORDER BY r.id",
                        SpoolRecipient.class)
                .setParameter("id", spoolId)
                .getResultList();
    }

    @Override
    public byte[] contentOf(long spoolId) {
        SpoolContent content = em.find(SpoolContent.class, spoolId);
        if (content == null) {
            throw new IllegalStateException("spooled message " + spoolId + " has no content");
        }
        return content.bytes();
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
        Jdbc.on(em, c -> {
            String marks = "?, ".repeat(ids.size() - 1) + "?";
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM spool_message WHERE id IN (" + marks + ")")) {
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
                .setParameter("queued", SpoolState.QUEUED)
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
                        .setParameter("queued", SpoolState.QUEUED)
                        .setParameter("now", now)
                        .executeUpdate()
                == 1;
    }

    @Override
    public int releaseLeases(Collection<Long> ids, String owner) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("UPDATE SpooledMessage m SET m.leaseOwner = NULL, m.leaseUntil = NULL"
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
