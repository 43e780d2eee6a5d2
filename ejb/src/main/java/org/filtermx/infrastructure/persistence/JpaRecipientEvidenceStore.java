package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.port.RecipientEvidenceStore;

/**
 * Recipient discovery's evidence in {@code recipient_evidence} (V29), written with one batch of
 * {@code INSERT ... ON DUPLICATE KEY UPDATE}, which adds to a row atomically and cannot fail when
 * two nodes see the same address at once (MariaDB, and H2 in MariaDB mode). The rows are written in
 * key order, so two batches lock them in the same order. The message log is read through its
 * indexes: {@code ix_message_log_message_id}, and the domain's {@code (domain, received_at)}.
 * Housekeeping deletes rows not seen within the retention, a batch of keys at a time.
 */
@ApplicationScoped
public class JpaRecipientEvidenceStore implements RecipientEvidenceStore {

    // The statements, package-private so that a test runs them on H2 too.
    static final String UPSERT =
            "INSERT INTO recipient_evidence"
                    + " (domain, local_part, source, first_seen, last_seen, seen_count)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " first_seen = LEAST(first_seen, VALUES(first_seen)),"
                    + " last_seen = GREATEST(last_seen, VALUES(last_seen)),"
                    + " seen_count = seen_count + VALUES(seen_count)";

    static final String EVIDENCE =
            "SELECT local_part, source, first_seen, last_seen, seen_count"
                    + " FROM recipient_evidence WHERE domain = ?1"
                    + " ORDER BY last_seen DESC, local_part LIMIT ?2";

    static final String RECENT =
            "SELECT r.address, COUNT(*) FROM message_log m"
                    + " JOIN log_recipient r ON r.log_id = m.id"
                    + " WHERE m.domain = ?1 AND m.direction = 'INBOUND' AND m.received_at >= ?2"
                    + " AND m.status NOT IN ('REJECTED', 'TEMPFAILED')"
                    + " GROUP BY r.address ORDER BY COUNT(*) DESC, r.address LIMIT ?3";

    /**
     * Old rows' keys: a plain read (READ COMMITTED takes no locks) that stops at the batch size;
     * not ordered, since any old row will do and an order would sort every old row first.
     */
    static final String STALE =
            "SELECT domain, local_part, source FROM recipient_evidence"
                    + " WHERE last_seen < ?1 LIMIT ?2";

    /** One old row by its key; a row seen again meanwhile is kept. */
    static final String DELETE_STALE =
            "DELETE FROM recipient_evidence"
                    + " WHERE domain = ? AND local_part = ? AND source = ? AND last_seen < ?";

    private static final Comparator<Sighting> KEY_ORDER =
            Comparator.comparing(Sighting::domain)
                    .thenComparing(Sighting::localPart)
                    .thenComparing(Sighting::source);

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void record(Collection<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return;
        }
        List<Sighting> ordered = new ArrayList<>(sightings);
        ordered.sort(KEY_ORDER);
        Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                        for (Sighting s : ordered) {
                            ps.setString(1, s.domain());
                            ps.setString(2, s.localPart());
                            ps.setString(3, s.source());
                            Jdbc.setTime(ps, 4, s.firstSeen());
                            Jdbc.setTime(ps, 5, s.lastSeen());
                            ps.setLong(6, s.count());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
    }

    @Override
    public int purge(Instant before, int max) {
        List<?> keys =
                em.createNativeQuery(STALE)
                        .setParameter(1, Jdbc.utc(before))
                        .setParameter(2, max)
                        .getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(DELETE_STALE)) {
                        for (Object o : keys) {
                            Object[] k = (Object[]) o;
                            ps.setString(1, (String) k[0]);
                            ps.setString(2, (String) k[1]);
                            ps.setString(3, (String) k[2]);
                            Jdbc.setTime(ps, 4, before);
                            ps.addBatch();
                        }
                        int deleted = 0;
                        for (int n : ps.executeBatch()) {
                            // A driver may answer SUCCESS_NO_INFO (-2) for a batched statement.
                            deleted += n > 0 ? n : n == PreparedStatement.SUCCESS_NO_INFO ? 1 : 0;
                        }
                        return deleted;
                    }
                });
    }

    @Override
    public List<Row> evidence(String domain, int max) {
        List<?> rows =
                em.createNativeQuery(EVIDENCE)
                        .setParameter(1, domain)
                        .setParameter(2, max)
                        .getResultList();
        List<Row> out = new ArrayList<>(rows.size());
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            out.add(
                    new Row(
                            (String) r[0],
                            (String) r[1],
                            instant(r[2]),
                            instant(r[3]),
                            ((Number) r[4]).longValue()));
        }
        return out;
    }

    @Override
    public List<String> deliveredRecipientsOf(
            String domain, Collection<String> messageIds, int max) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql =
                new StringBuilder(
                        "SELECT DISTINCT r.address FROM message_log m"
                                + " JOIN log_recipient r ON r.log_id = m.id"
                                + " WHERE m.domain = ?1 AND m.direction = 'INBOUND'"
                                + " AND m.status IN ('DELIVERED', 'RELEASED')"
                                + " AND m.message_id IN (");
        int i = 2;
        for (int n = 0; n < messageIds.size(); n++) {
            sql.append(n == 0 ? "" : ", ").append('?').append(i++);
        }
        sql.append(") ORDER BY r.address LIMIT ?").append(i);
        Query q = em.createNativeQuery(sql.toString()).setParameter(1, domain);
        int p = 2;
        for (String id : messageIds) {
            q.setParameter(p++, id);
        }
        q.setParameter(p, max);
        List<String> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            out.add((String) o);
        }
        return out;
    }

    @Override
    public Map<String, Long> recentRecipients(String domain, Instant since, int max) {
        List<?> rows =
                em.createNativeQuery(RECENT)
                        .setParameter(1, domain)
                        .setParameter(2, Jdbc.utc(since))
                        .setParameter(3, max)
                        .getResultList();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            out.put((String) r[0], ((Number) r[1]).longValue());
        }
        return out;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return value instanceof Instant i ? i : Instant.EPOCH;
    }
}
