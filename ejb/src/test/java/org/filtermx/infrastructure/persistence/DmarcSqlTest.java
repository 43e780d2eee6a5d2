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

/** The statements of the DMARC report tables (V28) on H2 in MariaDB mode after every migration. */
class DmarcSqlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:dmarc"
                                + DATABASES.incrementAndGet()
                                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO domain (name, created_at) VALUES ('example.com',"
                            + " CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private long report(String reportId, String ip, long count, String dkim, String spf)
            throws Exception {
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        JpaDmarcReportRepository.INSERT_REPORT, Statement.RETURN_GENERATED_KEYS)) {
            Object[] v = {
                1L,
                "google.com",
                reportId,
                Jdbc.utc(NOW.minusSeconds(86400)),
                Jdbc.utc(NOW),
                "example.com",
                "none",
                null,
                100,
                Jdbc.utc(NOW)
            };
            for (int i = 0; i < v.length; i++) {
                ps.setObject(i + 1, v[i]);
            }
            id = Jdbc.insertReturningId(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(JpaDmarcReportRepository.INSERT_ROW)) {
            Object[] v = {id, ip, count, "none", dkim, spf, "example.com", null, null, null, null};
            for (int i = 0; i < v.length; i++) {
                ps.setObject(i + 1, v[i]);
            }
            ps.executeUpdate();
        }
        return id;
    }

    private List<List<Object>> query(String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i] instanceof Instant t ? Jdbc.utc(t) : values[i]);
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
    void sourcesAreSummedPerAddressWithTheirPasses() throws Exception {
        report("r1", "192.0.2.10", 10, "pass", "fail");
        report("r2", "192.0.2.10", 5, "fail", "pass");
        report("r3", "198.51.100.7", 3, "fail", "fail");

        List<List<Object>> rows =
                query(
                        JpaDmarcReportRepository.SOURCES,
                        "example.com",
                        NOW.minusSeconds(30 * 86400));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0)).isEqualTo("192.0.2.10");
        assertThat(rows.get(0).subList(1, 5).stream().map(o -> ((Number) o).longValue()))
                .containsExactly(15L, 10L, 5L, 15L);
        assertThat(rows.get(1).subList(1, 5).stream().map(o -> ((Number) o).longValue()))
                .containsExactly(3L, 0L, 0L, 0L);
        assertThat(query(JpaDmarcReportRepository.SOURCES, "example.com", NOW.plusSeconds(1)))
                .isEmpty();
        assertThat(query(JpaDmarcReportRepository.EXISTS, "google.com", "r2").get(0).get(0))
                .isEqualTo(1L);
    }

    @Test
    void theHostedMtaStsModeIsReplaced() throws Exception {
        for (String mode : List.of("testing", "enforce")) {
            try (PreparedStatement ps =
                    c.prepareStatement(JpaDmarcReportRepository.MTA_STS_STORE)) {
                ps.setString(1, mode);
                ps.setString(2, "id" + mode);
                ps.setObject(3, Jdbc.utc(NOW));
                ps.setString(4, "example.com");
                ps.executeUpdate();
            }
        }
        List<List<Object>> rows = query(JpaDmarcReportRepository.MTA_STS, "example.com");
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("enforce"));
    }
}
