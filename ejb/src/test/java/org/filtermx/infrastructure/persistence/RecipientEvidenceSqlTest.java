package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recipient discovery's statements (V29) on H2 in MariaDB mode after every migration: the upsert
 * adds counts and widens the seen dates, the recent recipients leave refused mail out, and the
 * purge removes, a batch at a time, only evidence not seen since the cut-off.
 */
class RecipientEvidenceSqlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-03T10:00:00Z");

    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:evidence"
                                + DATABASES.incrementAndGet()
                                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    /** JPA's numbered parameters as JDBC's. */
    private static String jdbc(String sql) {
        return sql.replace("?1", "?").replace("?2", "?").replace("?3", "?");
    }

    private void upsert(String local, Instant first, Instant last, long count) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(JpaRecipientEvidenceStore.UPSERT)) {
            ps.setString(1, "d.test");
            ps.setString(2, local);
            ps.setString(3, "sender");
            ps.setObject(4, Jdbc.utc(first));
            ps.setObject(5, Jdbc.utc(last));
            ps.setLong(6, count);
            ps.executeUpdate();
        }
    }

    private List<List<Object>> query(String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(jdbc(sql))) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i] instanceof Instant t ? Jdbc.utc(t) : values[i];
                ps.setObject(i + 1, v);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Test
    void theUpsertAddsCountsAndWidensTheDates() throws Exception {
        upsert("alice", T2, T2, 2);
        upsert("alice", T1, T1, 3);
        upsert("bob", T1, T1, 1);
        List<List<Object>> rows = query(JpaRecipientEvidenceStore.EVIDENCE, "d.test", 10);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0)).isEqualTo("alice");
        assertThat(((Number) rows.get(0).get(4)).longValue()).isEqualTo(5);
        assertThat(rows.get(0).get(2).toString()).startsWith("2026-12-01").contains("10:00");
        assertThat(rows.get(0).get(3).toString()).startsWith("2026-12-03").contains("10:00");
        assertThat(query(JpaRecipientEvidenceStore.EVIDENCE, "other.test", 10)).isEmpty();
    }

    /** What housekeeping does with the two statements: old keys, then each deleted by key. */
    private int purge(Instant before, int max) throws Exception {
        int deleted = 0;
        for (List<Object> key : query(JpaRecipientEvidenceStore.STALE, before, max)) {
            try (PreparedStatement ps =
                    c.prepareStatement(JpaRecipientEvidenceStore.DELETE_STALE)) {
                ps.setObject(1, key.get(0));
                ps.setObject(2, key.get(1));
                ps.setObject(3, key.get(2));
                ps.setObject(4, Jdbc.utc(before));
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    @Test
    void thePurgeRemovesOnlyEvidenceLastSeenBeforeTheCutOffInBatches() throws Exception {
        Instant cutOff = T2.minusSeconds(3600);
        upsert("old1", T1, T1, 1);
        upsert("old2", T1, T1, 1);
        upsert("old3", T1, T1, 1);
        // First seen long ago, seen again since: kept.
        upsert("alive", T1, T1, 4);
        upsert("alive", T2, T2, 1);
        upsert("new", T2, T2, 1);

        assertThat(purge(cutOff, 2)).isEqualTo(2);
        assertThat(purge(cutOff, 2)).isEqualTo(1);
        assertThat(purge(cutOff, 2)).isZero();
        assertThat(query(JpaRecipientEvidenceStore.EVIDENCE, "d.test", 10))
                .extracting(r -> r.get(0))
                .containsExactlyInAnyOrder("alive", "new");
    }

    @Test
    void aRowSeenAgainBetweenTheReadAndTheDeleteIsKept() throws Exception {
        upsert("busy", T1, T1, 1);
        Instant cutOff = T2.minusSeconds(3600);
        List<List<Object>> keys = query(JpaRecipientEvidenceStore.STALE, cutOff, 10);
        assertThat(keys).hasSize(1);
        upsert("busy", T2, T2, 1);
        try (PreparedStatement ps = c.prepareStatement(JpaRecipientEvidenceStore.DELETE_STALE)) {
            ps.setObject(1, "d.test");
            ps.setObject(2, "busy");
            ps.setObject(3, "sender");
            ps.setObject(4, Jdbc.utc(cutOff));
            assertThat(ps.executeUpdate()).isZero();
        }
        assertThat(query(JpaRecipientEvidenceStore.EVIDENCE, "d.test", 10)).hasSize(1);
    }

    private long log(String queueId, String status, String... recipients) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO message_log (queue_id, direction, domain, sender, recipients,"
                                + " size_bytes, status, received_at, updated_at)"
                                + " VALUES (?, 'INBOUND', 'd.test', 's@x.test', ?, 10, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, queueId);
            ps.setString(2, String.join(",", recipients));
            ps.setString(3, status);
            ps.setObject(4, Jdbc.utc(T2));
            ps.setObject(5, Jdbc.utc(T2));
            long id = Jdbc.insertReturningId(ps);
            for (String r : recipients) {
                try (PreparedStatement rp =
                        c.prepareStatement(
                                "INSERT INTO log_recipient (address, received_at, log_id)"
                                        + " VALUES (?, ?, ?)")) {
                    rp.setString(1, r);
                    rp.setObject(2, Jdbc.utc(T2));
                    rp.setLong(3, id);
                    rp.executeUpdate();
                }
            }
            return id;
        }
    }

    @Test
    void recentRecipientsCountAcceptedMailOnly() throws Exception {
        log("q1", "DELIVERED", "a@d.test", "b@d.test");
        log("q2", "QUARANTINED", "a@d.test");
        log("q3", "REJECTED", "c@d.test");
        List<List<Object>> rows = query(JpaRecipientEvidenceStore.RECENT, "d.test", T1, 10);
        assertThat(rows)
                .extracting(r -> r.get(0) + "=" + ((Number) r.get(1)).longValue())
                .containsExactly("a@d.test=2", "b@d.test=1");
    }
}
