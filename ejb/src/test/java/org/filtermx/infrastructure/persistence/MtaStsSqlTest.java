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
 * The statements of the MTA-STS policy cache (V24) and the domain TLS policy table on H2 in MariaDB
 * mode after every migration, as {@code ./filtermx run} uses it.
 */
class MtaStsSqlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:mtasts"
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
    void aPolicyIsReplacedByANewerOneAndNotFoundOnceExpired() throws Exception {
        String store = JpaMtaStsPolicyRepository.STORE;
        update(
                store,
                "example.com",
                "1",
                "testing",
                "mx.example.com",
                60L,
                NOW,
                NOW.plusSeconds(60));
        update(
                store,
                "example.com",
                "2",
                "enforce",
                "mx.example.com\n*.example.net",
                86400L,
                NOW.plusSeconds(10),
                NOW.plusSeconds(86410));
        List<List<Object>> rows = query(JpaMtaStsPolicyRepository.FIND, "example.com", NOW);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).subList(0, 3))
                .containsExactly("2", "enforce", "mx.example.com\n*.example.net");
        assertThat(query(JpaMtaStsPolicyRepository.FIND, "example.com", NOW.plusSeconds(86410)))
                .as("expired")
                .isEmpty();
        assertThat(update(JpaMtaStsPolicyRepository.PURGE, NOW.plusSeconds(86410))).isEqualTo(1);
    }

    @Test
    void aDomainsTlsPolicyRowIsOptional() throws Exception {
        update(
                "INSERT INTO domain (name, catch_all, created_at, version) VALUES (?, ?, ?, 0)",
                "tls.example",
                false,
                NOW);
        Object id = query("SELECT id FROM domain WHERE name = ?", "tls.example").get(0).get(0);
        update(
                "INSERT INTO domain_tls_policy (domain_id, delivery, inbound) VALUES (?, ?, ?)",
                id,
                "verified",
                "required");
        assertThat(query("SELECT delivery, inbound FROM domain_tls_policy WHERE domain_id = ?", id))
                .containsExactly(List.of("verified", "required"));
        update("DELETE FROM domain WHERE id = ?", id);
        assertThat(query("SELECT * FROM domain_tls_policy")).as("cascaded").isEmpty();
    }
}
