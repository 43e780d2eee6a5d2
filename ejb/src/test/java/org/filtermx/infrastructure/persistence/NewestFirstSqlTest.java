package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The what-if sample read of a domain's newest rows: on MariaDB its ORDER BY must not name the
 * domain (with the connection's collation differing from the column's, MariaDB then sorts every row
 * of the domain before the LIMIT); on H2 it must still give the newest rows of that domain only,
 * newest first.
 */
class NewestFirstSqlTest {

    @Test
    void mariaDbReadsTheIndexBackwardsWithoutTheDomainInTheOrder() {
        String sql = JdbcVerdictLog.newestFirst("example.com", true, 20_000, false);
        assertThat(sql).contains("FORCE INDEX (ix_message_log_domain_time)");
        assertThat(sql).endsWith(" ORDER BY m.received_at DESC, m.id DESC LIMIT 20000");
        assertThat(sql.substring(sql.indexOf(" ORDER BY "))).doesNotContain("domain");
    }

    @Test
    void everyDomainStreamsInTimeOrderWithoutAHint() {
        String sql = JdbcVerdictLog.newestFirst(null, false, 0, false);
        assertThat(sql).doesNotContain("FORCE INDEX").doesNotContain("LIMIT");
        assertThat(sql).endsWith(" ORDER BY m.received_at DESC, m.id DESC");
    }

    @Test
    void h2GivesTheDomainsNewestRowsFirst() throws Exception {
        String sql = JdbcVerdictLog.newestFirst("example.com", false, 3, true);
        assertThat(sql).doesNotContain("FORCE INDEX");
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:newestfirst;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            c.createStatement()
                    .execute(
                            "CREATE TABLE message_log (id BIGINT PRIMARY KEY, domain VARCHAR(253),"
                                    + " direction VARCHAR(8), received_at TIMESTAMP(3),"
                                    + " score DOUBLE, verdict_flags SMALLINT, sender VARCHAR(320))");
            c.createStatement()
                    .execute(
                            "CREATE INDEX ix_message_log_domain_time"
                                    + " ON message_log (domain, received_at, id)");
            Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO message_log VALUES (?, ?, ?, ?, 1.0, 0, 'a@b.example')")) {
                // id, domain, direction, seconds after t0: two share a second (the id decides),
                // one is another domain's, one outbound, one outside the window.
                Object[][] rows = {
                    {1, "example.com", "INBOUND", 10},
                    {2, "example.com", "INBOUND", 30},
                    {3, "example.com", "INBOUND", 30},
                    {4, "other.example", "INBOUND", 40},
                    {5, "example.com", "OUTBOUND", 50},
                    {6, "example.com", "INBOUND", 20},
                    {7, "example.com", "INBOUND", 5_000},
                };
                for (Object[] r : rows) {
                    ps.setLong(1, ((Integer) r[0]).longValue());
                    ps.setString(2, (String) r[1]);
                    ps.setString(3, (String) r[2]);
                    ps.setObject(4, Jdbc.utc(t0.plusSeconds((Integer) r[3])));
                    ps.executeUpdate();
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "example.com");
                Jdbc.setTime(ps, 2, t0);
                Jdbc.setTime(ps, 3, t0.plusSeconds(1_000));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            assertThat(ids).containsExactly(3L, 2L, 6L);
        }
    }
}
