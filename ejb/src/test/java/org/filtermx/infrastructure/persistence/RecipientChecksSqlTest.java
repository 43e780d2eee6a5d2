package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statements of the callout cache (V22) and of greylisting (V23) on H2 in MariaDB mode after
 * every migration, as {@code ./filtermx run} uses it: the upserts replace or keep what they should,
 * and expired rows are not found.
 */
class RecipientChecksSqlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:checks"
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

    private int update(String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }

    private List<List<Object>> query(String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
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

    private static void bind(PreparedStatement ps, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i] instanceof Instant t ? Jdbc.utc(t) : values[i];
            ps.setObject(i + 1, v);
        }
    }

    @Test
    void aCalloutAnswerIsReplacedByALaterOneAndNotFoundOnceExpired() throws Exception {
        String remember = JpaRecipientVerificationRepository.REMEMBER;
        update(remember, "example.com", "bob", false, "callout", NOW, NOW.plusSeconds(7200));
        update(
                remember,
                "example.com",
                "bob",
                true,
                "delivery",
                NOW.plusSeconds(60),
                NOW.plusSeconds(345_600));
        List<List<Object>> rows =
                query(JpaRecipientVerificationRepository.FIND, "example.com", "bob", NOW);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo(true);
        assertThat(rows.get(0).get(1)).isEqualTo("delivery");
        assertThat(
                        query(
                                JpaRecipientVerificationRepository.FIND,
                                "example.com",
                                "bob",
                                NOW.plusSeconds(345_600)))
                .as("expired")
                .isEmpty();
    }

    @Test
    void aDomainsCatchAllStatusIsReplaced() throws Exception {
        String remember = JpaRecipientVerificationRepository.REMEMBER_CATCH_ALL;
        update(remember, "example.com", true, NOW, NOW.plusSeconds(7200));
        update(remember, "example.com", false, NOW, NOW.plusSeconds(7200));
        assertThat(query(JpaRecipientVerificationRepository.CATCH_ALL, "example.com", NOW))
                .containsExactly(List.of(false));
    }

    @Test
    void aLiveTripletIsKeptAndAnExpiredOneStartsAfresh() throws Exception {
        update(JpaGreylistRepository.DELETE_EXPIRED, "t1", NOW);
        update(JpaGreylistRepository.FIRST_SEEN, "t1", NOW, NOW.plusSeconds(3600));
        update(JpaGreylistRepository.DELETE_EXPIRED, "t1", NOW.plusSeconds(10));
        update(JpaGreylistRepository.FIRST_SEEN, "t1", NOW.plusSeconds(10), NOW.plusSeconds(3610));
        List<List<Object>> live = query(JpaGreylistRepository.FIND, "t1", NOW.plusSeconds(20));
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get(0).toString()).as("first seen kept").contains("10:00:00");

        update(JpaGreylistRepository.PASSED, NOW.plusSeconds(400), NOW.plusSeconds(9999), "t1");
        update(JpaGreylistRepository.PASSED, NOW.plusSeconds(500), NOW.plusSeconds(9999), "t1");
        assertThat(query(JpaGreylistRepository.FIND, "t1", NOW.plusSeconds(600)).get(0).get(1))
                .as("the first pass keeps its time")
                .asString()
                .contains("10:06:40");

        Instant later = NOW.plusSeconds(10_000);
        update(JpaGreylistRepository.DELETE_EXPIRED, "t1", later);
        update(JpaGreylistRepository.FIRST_SEEN, "t1", later, later.plusSeconds(3600));
        List<List<Object>> fresh = query(JpaGreylistRepository.FIND, "t1", later);
        assertThat(fresh.get(0).get(1)).as("expired: not passed any more").isNull();
    }

    @Test
    void aSubnetsPassesAddUp() throws Exception {
        update(JpaGreylistRepository.COUNT_PASS, "192.0.2.0/24", NOW.plusSeconds(60));
        update(JpaGreylistRepository.COUNT_PASS, "192.0.2.0/24", NOW.plusSeconds(60));
        assertThat(query(JpaGreylistRepository.PASSES, "192.0.2.0/24", NOW))
                .containsExactly(List.of(2));
        assertThat(query(JpaGreylistRepository.PASSES, "192.0.2.0/24", NOW.plusSeconds(60)))
                .isEmpty();
    }
}
