package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageEvent;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.shared.ColumnText;

/**
 * The message log in the database. A search is one SQL statement shaped so that its most
 * selective criterion's index also gives the order: {@code (domain, received_at, id)}, {@code
 * (sender, received_at, id)}, the recipient table's {@code (address, received_at, log_id)} key or
 * {@code (received_at, id)}; reading newest first stops after one page (keyset pagination, no
 * OFFSET).
 */
@ApplicationScoped
public class JpaMessageLogRepository implements MessageLogRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void add(MessageLogEntry entry, String firstEventDetail) {
        em.persist(entry);
        em.flush();
        for (String recipient : entry.recipients()) {
            em.createNativeQuery("INSERT INTO log_recipient (address, received_at, log_id) VALUES (?, ?, ?)")
                    .setParameter(1, recipient)
                    .setParameter(2, utc(entry.receivedAt()))
                    .setParameter(3, entry.id())
                    .executeUpdate();
        }
        em.persist(
                new MessageEvent(
                        entry.id(), entry.receivedAt(), entry.status(), null, firstEventDetail));
    }

    @Override
    public Optional<MessageLogEntry> find(long id) {
        return Optional.ofNullable(em.find(MessageLogEntry.class, id));
    }

    @Override
    public void record(long logId, MessageStatus status, String remote, String detail) {
        Instant now = Instant.now();
        em.persist(new MessageEvent(logId, now, status, remote, detail));
        MessageLogEntry entry = em.find(MessageLogEntry.class, logId);
        if (entry != null) {
            entry.changeStatus(status, detail, now);
        }
    }

    @Override
    public void recordEach(long logId, MessageStatus status, String remote, List<String> details, String reason) {
        Instant now = Instant.now();
        for (String detail : details) {
            em.persist(new MessageEvent(logId, now, status, remote, detail));
        }
        em.createNativeQuery("UPDATE message_log SET status = ?, reason = ?, updated_at = ? WHERE id = ?")
                .setParameter(1, status.name())
                .setParameter(2, ColumnText.fit(reason, 512))
                .setParameter(3, utc(now))
                .setParameter(4, logId)
                .executeUpdate();
    }

    @Override
    public void recordAll(Collection<Long> logIds, MessageStatus status, String detail) {
        if (logIds.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (long id : logIds) {
            em.persist(new MessageEvent(id, now, status, null, detail));
        }
        em.createQuery("UPDATE MessageLogEntry m SET m.status = :status, m.reason = :reason, m.updatedAt = :now"
                        + " WHERE m.id IN :ids")
                .setParameter("status", status)
                .setParameter("reason", ColumnText.fit(detail, 512))
                .setParameter("now", now)
                .setParameter("ids", logIds)
                .executeUpdate();
    }

    @Override
    public List<MessageEvent> history(long logId) {
        return em.createNamedQuery("MessageEvent.findByLogId", MessageEvent.class)
                .setParameter("logId", logId)
                .getResultList();
    }

    @Override
    public List<MessageLogEntry> search(LogQuery q) {
        if (q.domains() != null && q.domains().isEmpty()) {
            return List.of();
        }
        if (q.address() != null && q.recipient() != null && !q.address().equals(q.recipient())) {
            return List.of();
        }
        String recipient = q.address() != null ? q.address() : q.recipient();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT m.* FROM ");
        String time;
        String id;
        if (recipient != null) {
            sql.append("log_recipient r JOIN message_log m ON m.id = r.log_id WHERE r.address = ?");
            params.add(recipient);
            time = "r.received_at";
            id = "r.log_id";
        } else {
            sql.append("message_log m WHERE 1 = 1");
            time = "m.received_at";
            id = "m.id";
        }
        if (q.domains() != null) {
            sql.append(" AND m.domain IN (").append("?, ".repeat(q.domains().size() - 1)).append("?)");
            params.addAll(q.domains());
        }
        condition(sql, params, "m.domain = ?", q.domain());
        condition(sql, params, "m.sender = ?", q.sender());
        condition(sql, params, "m.status = ?", q.status() == null ? null : q.status().name());
        condition(sql, params, "m.direction = ?", q.direction() == null ? null : q.direction().name());
        condition(sql, params, "m.message_id = ?", q.messageId());
        if (q.subject() != null) {
            sql.append(" AND LOWER(m.subject) LIKE ? ESCAPE '!'");
            params.add("%" + q.subject().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        condition(sql, params, time + " >= ?", q.since() == null ? null : utc(q.since()));
        condition(sql, params, time + " < ?", q.until() == null ? null : utc(q.until()));
        if (q.beforeId() != null) {
            MessageLogEntry anchor = em.find(MessageLogEntry.class, q.beforeId());
            if (anchor == null) {
                condition(sql, params, id + " < ?", q.beforeId());
            } else {
                LocalDateTime at = utc(anchor.receivedAt());
                sql.append(" AND ").append(time).append(" <= ? AND (").append(time).append(" < ? OR ")
                        .append(id).append(" < ?)");
                params.add(at);
                params.add(at);
                params.add(q.beforeId());
            }
        }
        sql.append(" ORDER BY ").append(time).append(" DESC, ").append(id).append(" DESC");
        Query query = em.createNativeQuery(sql.toString(), MessageLogEntry.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<MessageLogEntry> rows = query.setMaxResults(q.limit()).getResultList();
        return new ArrayList<>(rows);
    }

    @Override
    public int purge(Instant cutoff, int max) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT m.id FROM message_log m WHERE m.received_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM quarantine_message q WHERE q.log_id = m.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM spool_message s WHERE s.log_id = m.id)"
                        + " ORDER BY m.received_at, m.id")
                .setParameter(1, utc(cutoff))
                .setMaxResults(max)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> batch = ids.stream().map(Number::longValue).toList();
        em.createQuery("DELETE FROM MessageEvent e WHERE e.logId IN :ids").setParameter("ids", batch).executeUpdate();
        Query recipients = em.createNativeQuery(
                "DELETE FROM log_recipient WHERE log_id IN (" + "?, ".repeat(batch.size() - 1) + "?)");
        for (int i = 0; i < batch.size(); i++) {
            recipients.setParameter(i + 1, batch.get(i));
        }
        recipients.executeUpdate();
        return em.createQuery("DELETE FROM MessageLogEntry m WHERE m.id IN :ids").setParameter("ids", batch).executeUpdate();
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    /** Times are stored as UTC wall-clock values (hibernate.jdbc.time_zone = UTC). */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
