package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.filtermx.domain.model.account.ActivationRepository.Activation;
import org.filtermx.domain.model.account.LoginLinkToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auto-enable and login link statements against the migrated schema on H2 in MariaDB mode:
 * activation is idempotent, a welcome is claimed once, a login link works once and not after it
 * expired.
 */
class AutoEnableSqlTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private Connection c;
    private long domainId;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:auto"
                                + UUID.randomUUID()
                                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO domain (name, created_at) VALUES ('example.com',"
                            + " TIMESTAMP '2026-01-01 00:00:00')");
            try (ResultSet rs = s.executeQuery("SELECT id FROM domain")) {
                rs.next();
                domainId = rs.getLong(1);
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void onlyADomainWithAutoEnableOnIsFound() throws Exception {
        assertThat(ActivationSql.autoEnableDomain(c, "example.com")).isEmpty();

        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO domain_auto_enable (domain_id, auto_enable_users) VALUES ("
                            + domainId
                            + ", TRUE)");
        }

        assertThat(ActivationSql.autoEnableDomain(c, "example.com")).hasValue(domainId);
    }

    @Test
    void activatingTwiceMakesOneUserWithDailyHtmlReportsFromADayLater() throws Exception {
        Instant from = NOW.plus(Duration.ofHours(24));
        ActivationSql.activate(c, domainId, List.of("new@example.com"), NOW, from);
        ActivationSql.activate(
                c,
                domainId,
                List.of("new@example.com", "new@example.com"),
                NOW.plusSeconds(5),
                from);

        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT u.report_frequency, u.report_format, a.reports_from"
                                        + " FROM email_user u JOIN email_user_activation a"
                                        + " ON a.address = u.address")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("daily");
            assertThat(rs.getString(2)).isEqualTo("html");
            assertThat(ActivationSql.instant(rs, 3)).isEqualTo(from);
            assertThat(rs.next()).as("a second user row").isFalse();
        }
        assertThat(ActivationSql.existing(c, List.of("new@example.com", "other@example.com")))
                .containsExactly("new@example.com");
    }

    @Test
    void anExistingUserIsNotChangedByActivation() throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO email_user (address, domain_id, report_frequency, report_format,"
                            + " created_at) VALUES ('old@example.com', "
                            + domainId
                            + ", 'weekly', 'pdf', TIMESTAMP '2026-01-01 00:00:00')");
        }

        ActivationSql.activate(c, domainId, List.of("old@example.com"), NOW, NOW);

        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT report_frequency FROM email_user"
                                        + " WHERE address = 'old@example.com'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("weekly");
        }
    }

    @Test
    void aWelcomeIsClaimedOnce() throws Exception {
        ActivationSql.activate(c, domainId, List.of("new@example.com"), NOW, NOW.plusSeconds(60));

        assertThat(ActivationSql.pendingWelcomes(c, NOW.plusSeconds(1), 10))
                .containsExactly("new@example.com");
        assertThat(ActivationSql.claimWelcome(c, "new@example.com", NOW))
                .contains(new Activation("new@example.com", "example.com", NOW.plusSeconds(60)));
        assertThat(ActivationSql.claimWelcome(c, "new@example.com", NOW)).isEmpty();
        assertThat(ActivationSql.pendingWelcomes(c, NOW.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void aWelcomeIsNotPendingBeforeItsGraceEnds() throws Exception {
        ActivationSql.activate(c, domainId, List.of("new@example.com"), NOW, NOW);

        assertThat(ActivationSql.pendingWelcomes(c, NOW, 10)).isEmpty();
    }

    @Test
    void aLoginLinkWorksOnce() throws Exception {
        ActivationSql.activate(c, domainId, List.of("new@example.com"), NOW, NOW);
        String hash = LoginLinkToken.hash(LoginLinkToken.create());
        LoginLinkSql.add(c, hash, "new@example.com", NOW, NOW.plus(Duration.ofDays(7)));

        assertThat(LoginLinkSql.usable(c, hash, NOW.plusSeconds(1))).contains("new@example.com");
        assertThat(LoginLinkSql.consume(c, hash, NOW.plusSeconds(2))).contains("new@example.com");
        assertThat(LoginLinkSql.consume(c, hash, NOW.plusSeconds(3))).isEmpty();
        assertThat(LoginLinkSql.usable(c, hash, NOW.plusSeconds(4))).isEmpty();
    }

    @Test
    void anExpiredLoginLinkDoesNotWorkAndIsPurged() throws Exception {
        ActivationSql.activate(c, domainId, List.of("new@example.com"), NOW, NOW);
        String hash = LoginLinkToken.hash(LoginLinkToken.create());
        Instant expires = NOW.plus(Duration.ofDays(7));
        LoginLinkSql.add(c, hash, "new@example.com", NOW, expires);

        assertThat(LoginLinkSql.usable(c, hash, expires)).isEmpty();
        assertThat(LoginLinkSql.consume(c, hash, expires.plusSeconds(1))).isEmpty();
        assertThat(LoginLinkSql.purge(c, expires.plusSeconds(1), 10)).isEqualTo(1);
        assertThat(LoginLinkSql.purge(c, expires.plusSeconds(1), 10)).isZero();
    }

    @Test
    void anUnknownLoginLinkDoesNotWork() throws Exception {
        assertThat(LoginLinkSql.consume(c, LoginLinkToken.hash("forged"), NOW)).isEmpty();
    }

    @Test
    void removingTheUserRemovesItsActivationAndLinks() throws Exception {
        ActivationSql.activate(c, domainId, List.of("new@example.com"), NOW, NOW);
        String hash = LoginLinkToken.hash(LoginLinkToken.create());
        LoginLinkSql.add(c, hash, "new@example.com", NOW, NOW.plus(Duration.ofDays(7)));

        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM email_user WHERE address = 'new@example.com'");
        }

        assertThat(LoginLinkSql.usable(c, hash, NOW)).isEmpty();
        assertThat(ActivationSql.pendingWelcomes(c, NOW.plusSeconds(60), 10)).isEmpty();
    }
}
