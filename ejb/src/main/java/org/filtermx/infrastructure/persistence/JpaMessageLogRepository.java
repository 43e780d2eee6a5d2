package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.message.LogOutcome;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageEvent;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.shared.ColumnText;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The message log in the database. A search is one SQL statement shaped so that its most selective
 * criterion's index also gives the order: {@code (domain, received_at, id)}, {@code (sender,
 * received_at, id)}, the recipient table's {@code (address, received_at, log_id)} key or {@code
 * (received_at, id)}; reading newest first stops after one page (keyset pagination, no OFFSET).
 */
@ApplicationScoped
public class JpaMessageLogRepository implements MessageLogRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    private static final String INSERT_ENTRY =
            "INSERT INTO message_log (queue_id, message_id, direction, domain,"
                    + " client_ip, helo, sender, recipients, subject, size_bytes, status, reason, score, verdict, verdict_reasons,"
                    + " received_at, updated_at, verdict_flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RECIPIENT =
            "INSERT INTO log_recipient (address, received_at, log_id) VALUES (?, ?, ?)";
    private static final String INSERT_EVENT =
            "INSERT INTO message_event (log_id, occurred_at, status, remote, detail) VALUES (?, ?, ?, ?, ?)";

    /**
     * Three statements by plain JDBC (see {@link Jdbc}): the entry, its recipients, its first
     * event.
     */
    @Override
    public void add(MessageLogEntry entry, String firstEventDetail) {
        long id =
                Jdbc.on(
                        em,
                        c -> {
                            long generated;
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            INSERT_ENTRY, Statement.RETURN_GENERATED_KEYS)) {
                                bindEntry(ps, 1, entry);
                                generated = Jdbc.insertReturningId(ps);
                            }
                            try (PreparedStatement ps = c.prepareStatement(INSERT_RECIPIENT)) {
                                for (String recipient : entry.recipients()) {
                                    ps.setString(1, recipient);
                                    Jdbc.setTime(ps, 2, entry.receivedAt());
                                    ps.setLong(3, generated);
                                    ps.addBatch();
                                }
                                ps.executeBatch();
                            }
                            insertEvents(
                                    c,
                                    generated,
                                    entry.receivedAt(),
                                    entry.status(),
                                    null,
                                    List.of(firstEventDetail));
                            return generated;
                        });
        entry.assignId(id);
    }

    /** Three statements for all the entries: theirs, their recipients', their first events'. */
    @Override
    public void addAll(List<NewEntry> entries) {
        if (entries.size() == 1) {
            add(entries.get(0).entry(), entries.get(0).firstEventDetail());
            return;
        }
        Jdbc.on(
                em,
                c -> {
                    long[] ids =
                            RowInserts.insertReturningIds(
                                    c,
                                    INSERT_ENTRY,
                                    entries,
                                    (ps, i, e) -> bindEntry(ps, i, e.entry()));
                    List<Recipient> recipients = new ArrayList<>();
                    for (int n = 0; n < ids.length; n++) {
                        MessageLogEntry entry = entries.get(n).entry();
                        entry.assignId(ids[n]);
                        for (String recipient : entry.recipients()) {
                            recipients.add(new Recipient(recipient, entry));
                        }
                    }
                    RowInserts.insert(
                            c,
                            INSERT_RECIPIENT,
                            recipients,
                            (ps, i, r) -> {
                                ps.setString(i, r.address());
                                Jdbc.setTime(ps, i + 1, r.entry().receivedAt());
                                ps.setLong(i + 2, r.entry().id());
                            });
                    RowInserts.insert(
                            c,
                            INSERT_EVENT,
                            entries,
                            (ps, i, e) -> {
                                ps.setLong(i, e.entry().id());
                                Jdbc.setTime(ps, i + 1, e.entry().receivedAt());
                                ps.setString(i + 2, e.entry().status().name());
                                ps.setString(i + 3, null);
                                ps.setString(i + 4, ColumnText.fit(e.firstEventDetail(), 1000));
                            });
                    return null;
                });
    }

    private record Recipient(String address, MessageLogEntry entry) {}

    private static void bindEntry(PreparedStatement ps, int i, MessageLogEntry entry)
            throws SQLException {
        ps.setString(i, entry.queueId());
        ps.setString(i + 1, entry.messageId());
        ps.setString(i + 2, entry.direction().name());
        ps.setString(i + 3, entry.domain());
        ps.setString(i + 4, entry.clientIp());
        ps.setString(i + 5, entry.helo());
        ps.setString(i + 6, entry.sender());
        ps.setString(i + 7, entry.recipientList());
        ps.setString(i + 8, entry.subject());
        ps.setLong(i + 9, entry.size());
        ps.setString(i + 10, entry.status().name());
        ps.setString(i + 11, entry.reason());
        Jdbc.setDouble(ps, i + 12, entry.score());
        ps.setString(i + 13, entry.verdict());
        ps.setString(i + 14, entry.verdictReasons());
        Jdbc.setTime(ps, i + 15, entry.receivedAt());
        Jdbc.setTime(ps, i + 16, entry.updatedAt());
        if (entry.verdictFlags() == null) {
            ps.setNull(i + 17, Types.SMALLINT);
        } else {
            ps.setInt(i + 17, entry.verdictFlags());
        }
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
    public void recordOutcomes(List<LogOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                        for (LogOutcome o : outcomes) {
                            addEvents(ps, o.logId(), now, o.status(), o.remote(), o.details());
                        }
                        ps.executeBatch();
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE message_log SET status = ?, reason = ?, updated_at = ? WHERE id = ?")) {
                        for (LogOutcome o : outcomes) {
                            ps.setString(1, o.status().name());
                            ps.setString(2, ColumnText.fit(o.reason(), 512));
                            Jdbc.setTime(ps, 3, now);
                            ps.setLong(4, o.logId());
                            ps.addBatch();
                        }
                        return ps.executeBatch();
                    }
                });
    }

    private static void insertEvents(
            Connection c,
            long logId,
            Instant when,
            MessageStatus status,
            String remote,
            List<String> details)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            addEvents(ps, logId, when, status, remote, details);
            ps.executeBatch();
        }
    }

    private static void addEvents(
            PreparedStatement ps,
            long logId,
            Instant when,
            MessageStatus status,
            String remote,
            List<String> details)
            throws SQLException {
        for (String detail : details) {
            ps.setLong(1, logId);
            Jdbc.setTime(ps, 2, when);
            ps.setString(3, status.name());
            ps.setString(4, ColumnText.fit(remote, 255));
            ps.setString(5, ColumnText.fit(detail, 1000));
            ps.addBatch();
        }
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
        em.createQuery(
                        "UPDATE MessageLogEntry m SET m.status = :status, m.reason = :reason, m.updatedAt = :now"
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
            sql.append(" AND m.domain IN (")
                    .append("?, ".repeat(q.domains().size() - 1))
                    .append("?)");
            params.addAll(q.domains());
        }
        condition(sql, params, "m.domain = ?", q.domain());
        condition(sql, params, "m.sender = ?", q.sender());
        condition(sql, params, "m.status = ?", q.status() == null ? null : q.status().name());
        condition(
                sql,
                params,
                "m.direction = ?",
                q.direction() == null ? null : q.direction().name());
        condition(sql, params, "m.message_id = ?", q.messageId());
        if (q.subject() != null) {
            sql.append(" AND LOWER(m.subject) LIKE ? ESCAPE '!'");
            params.add(
                    "%"
                            + LowerCase.of(q.subject())
                                    .replace("!", "!!")
                                    .replace("%", "!%")
                                    .replace("_", "!_")
                            + "%");
        }
        condition(sql, params, time + " >= ?", q.since() == null ? null : utc(q.since()));
        condition(sql, params, time + " < ?", q.until() == null ? null : utc(q.until()));
        if (q.beforeId() != null) {
            MessageLogEntry anchor = em.find(MessageLogEntry.class, q.beforeId());
            if (anchor == null) {
                condition(sql, params, id + " < ?", q.beforeId());
            } else {
                LocalDateTime at = utc(anchor.receivedAt());
                sql.append(" AND ")
                        .append(time)
                        .append(" <= ? AND (")
                        .append(time)
                        .append(" < ? OR ")
                        .append(id)
                        .append(" < ?)");
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
        List<Number> ids =
                em.createNativeQuery(
                                "SELECT m.id FROM message_log m WHERE m.received_at < ?"
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
        em.createQuery("DELETE FROM MessageEvent e WHERE e.logId IN :ids")
                .setParameter("ids", batch)
                .executeUpdate();
        Query recipients =
                em.createNativeQuery(
                        "DELETE FROM log_recipient WHERE log_id IN ("
                                + "?, ".repeat(batch.size() - 1)
                                + "?)");
        for (int i = 0; i < batch.size(); i++) {
            recipients.setParameter(i + 1, batch.get(i));
        }
        recipients.executeUpdate();
        return em.createQuery("DELETE FROM MessageLogEntry m WHERE m.id IN :ids")
                .setParameter("ids", batch)
                .executeUpdate();
    }

    private static void condition(
            StringBuilder sql, List<Object> params, String clause, Object value) {
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
