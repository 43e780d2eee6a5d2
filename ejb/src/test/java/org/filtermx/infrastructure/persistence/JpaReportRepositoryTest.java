package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.filtermx.domain.model.report.DomainReportSettings;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository.DueDomain;
import org.filtermx.domain.model.report.ReportRepository.DueUser;
import org.filtermx.domain.model.report.ReportRepository.HeldMessage;
import org.filtermx.domain.model.report.ReportRepository.Listing;
import org.filtermx.domain.model.report.ReportRepository.SentRecord;
import org.filtermx.domain.model.report.ReportRepository.SubjectKind;
import org.filtermx.domain.model.report.ReportRepository.Totals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report queries on H2 in MariaDB mode after every migration, over a small log and quarantine
 * of two hosted domains and a pending one: what is counted, listed and capped, and that nothing of
 * another domain or period leaks in.
 */
class JpaReportRepositoryTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-12-02T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T00:05:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-15T00:00:00Z");

    private Connection c;
    private JpaReportRepository repository;
    private int queueIds;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:reports"
                                + DATABASES.incrementAndGet()
                                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
        repository = new JpaReportRepository(c);
        sql(
                "INSERT INTO domain (id, name, admin_contact, created_at) VALUES"
                        + " (1, 'example.com', 'postmaster@example.com', CURRENT_TIMESTAMP),"
                        + " (2, 'other.org', NULL, CURRENT_TIMESTAMP),"
                        + " (3, 'pending.net', 'admin@pending.net', CURRENT_TIMESTAMP)");
        sql(
                "INSERT INTO domain_claim (name, domain_id, token, created_at)"
                        + " VALUES ('pending.net', 3, 't', CURRENT_TIMESTAMP)");
        sql(
                "INSERT INTO email_user (id, address, domain_id, report_frequency, report_format,"
                        + " created_at) VALUES"
                        + " (10, 'bob@example.com', 1, 'daily', 'pdf', CURRENT_TIMESTAMP),"
                        + " (11, 'carol@example.com', 1, 'weekly', 'html', CURRENT_TIMESTAMP),"
                        + " (12, 'erin@pending.net', 3, 'daily', 'html', CURRENT_TIMESTAMP),"
                        + " (13, 'dave@other.org', 2, 'daily', 'html', CURRENT_TIMESTAMP),"
                        + " (14, 'frank@example.com', 1, 'never', 'html', CURRENT_TIMESTAMP)");

        log(
                "example.com",
                "friend@good.test",
                "Lunch",
                "DELIVERED",
                "DELIVER",
                null,
                null,
                at(9),
                "bob@example.com");
        long spam =
                log(
                        "example.com",
                        "spammer@bad.test",
                        "Cheap pills",
                        "QUARANTINED",
                        "QUARANTINE",
                        "BAYES_99 +5.5",
                        null,
                        at(10),
                        "bob@example.com");
        hold(
                spam,
                "example.com",
                "spammer@bad.test",
                "Cheap pills",
                "QUARANTINE",
                7.5,
                "BAYES_99 +5.5",
                at(10),
                "bob@example.com");
        long virus =
                log(
                        "example.com",
                        "worm@bad.test",
                        "Invoice",
                        "REJECTED",
                        "REJECT",
                        "VIRUS_FOUND +100 (Eicar-Signature)",
                        null,
                        at(11),
                        "bob@example.com");
        hold(
                virus,
                "example.com",
                "worm@bad.test",
                "Invoice",
                "REJECT",
                100,
                "VIRUS_FOUND +100 (Eicar-Signature)",
                at(11),
                "bob@example.com");
        log(
                "example.com",
                "loop@far.test",
                "Looping",
                "REJECTED",
                null,
                null,
                "554 5.4.0 too many hops",
                at(12),
                "bob@example.com");
        long released =
                log(
                        "example.com",
                        "spammer@bad.test",
                        "Released one",
                        "RELEASED",
                        "QUARANTINE",
                        "BAYES_99 +5.5",
                        null,
                        at(13),
                        "bob@example.com");
        long releasedHeld =
                hold(
                        released,
                        "example.com",
                        "spammer@bad.test",
                        "Released one",
                        "QUARANTINE",
                        6,
                        "BAYES_99 +5.5",
                        at(13),
                        "bob@example.com");
        sql(
                "UPDATE quarantine_recipient SET released_at = CURRENT_TIMESTAMP"
                        + " WHERE quarantine_id = "
                        + releasedHeld);
        long shared =
                log(
                        "example.com",
                        "other@bad.test",
                        "To both",
                        "QUARANTINED",
                        "QUARANTINE",
                        "BAYES_99 +5.5",
                        null,
                        at(14),
                        "bob@example.com",
                        "carol@example.com");
        hold(
                shared,
                "example.com",
                "other@bad.test",
                "To both",
                "QUARANTINE",
                8,
                "BAYES_99 +5.5",
                at(14),
                "bob@example.com",
                "carol@example.com");
        // Outside the period, and the same address in another domain's log: never counted.
        long before =
                log(
                        "example.com",
                        "spammer@bad.test",
                        "Day before",
                        "QUARANTINED",
                        "QUARANTINE",
                        "BAYES_99 +5.5",
                        null,
                        DAY.minusSeconds(1),
                        "bob@example.com");
        hold(
                before,
                "example.com",
                "spammer@bad.test",
                "Day before",
                "QUARANTINE",
                9,
                "BAYES_99 +5.5",
                DAY.minusSeconds(1),
                "bob@example.com");
        long foreign =
                log(
                        "other.org",
                        "spammer@bad.test",
                        "Foreign",
                        "QUARANTINED",
                        "QUARANTINE",
                        "BAYES_99 +5.5",
                        null,
                        at(15),
                        "bob@example.com");
        hold(
                foreign,
                "other.org",
                "spammer@bad.test",
                "Foreign",
                "QUARANTINE",
                9,
                "BAYES_99 +5.5",
                at(15),
                "bob@example.com");
        log(
                "example.com",
                "x@y.test",
                "Next day",
                "DELIVERED",
                "DELIVER",
                null,
                null,
                NEXT_DAY,
                "bob@example.com");
        // Yesterday's report, delivered to bob: the gateway's own mail, never counted.
        log(
                "example.com",
                "",
                "Quarantine report",
                "DELIVERED",
                null,
                null,
                null,
                at(1),
                "bob@example.com");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void userTotalsCountTheUsersMailOfThePeriodAndDomainOnly() {
        assertThat(repository.userTotals("example.com", "bob@example.com", DAY, NEXT_DAY))
                .isEqualTo(new Totals(6, 1, 3, 1, 1));
        assertThat(repository.userTotals("example.com", "carol@example.com", DAY, NEXT_DAY))
                .isEqualTo(new Totals(1, 0, 1, 0, 0));
        assertThat(repository.userTotals("other.org", "carol@example.com", DAY, NEXT_DAY))
                .isEqualTo(new Totals(0, 0, 0, 0, 0));
    }

    @Test
    void domainTotalsCountEveryMessageOnceWhateverItsRecipients() {
        assertThat(repository.domainTotals("example.com", DAY, NEXT_DAY))
                .isEqualTo(new Totals(6, 1, 3, 1, 1));
        assertThat(repository.domainTotals("other.org", DAY, NEXT_DAY))
                .isEqualTo(new Totals(1, 0, 1, 0, 0));
    }

    @Test
    void heldForUserListsTheCopiesStillHeldNewestFirst() {
        Listing<HeldMessage> held =
                repository.heldForUser("example.com", "bob@example.com", DAY, NEXT_DAY, NOW, 200);
        assertThat(held.omitted()).isZero();
        assertThat(held.lines())
                .extracting(HeldMessage::subject)
                .containsExactly("To both", "Invoice", "Cheap pills");
        HeldMessage virus = held.lines().get(1);
        assertThat(virus.virus()).isTrue();
        assertThat(virus.recipient()).isEqualTo("bob@example.com");
        assertThat(virus.sender()).isEqualTo("worm@bad.test");
        assertThat(virus.receivedAt()).isEqualTo(at(11));
        assertThat(virus.expiresAt()).isEqualTo(EXPIRES);
        assertThat(held.lines().get(2).virus()).isFalse();
        assertThat(held.lines().get(2).score()).isEqualTo(7.5);
    }

    @Test
    void heldListsAreCappedAndSayHowManyWereLeftOut() {
        Listing<HeldMessage> user =
                repository.heldForUser("example.com", "bob@example.com", DAY, NEXT_DAY, NOW, 2);
        assertThat(user.lines()).hasSize(2);
        assertThat(user.omitted()).isEqualTo(1);
        Listing<HeldMessage> domain =
                repository.heldForDomain("example.com", DAY, NEXT_DAY, NOW, 2);
        assertThat(domain.lines()).hasSize(2);
        assertThat(domain.omitted()).isEqualTo(2);
    }

    @Test
    void heldForDomainListsEachRecipientsCopyAndNothingExpired() {
        Listing<HeldMessage> held =
                repository.heldForDomain("example.com", DAY, NEXT_DAY, NOW, 200);
        assertThat(held.lines())
                .extracting(h -> h.subject() + " " + h.recipient())
                .containsExactly(
                        "To both bob@example.com",
                        "To both carol@example.com",
                        "Invoice bob@example.com",
                        "Cheap pills bob@example.com");
        assertThat(repository.heldForDomain("example.com", DAY, NEXT_DAY, EXPIRES, 200).lines())
                .isEmpty();
    }

    @Test
    void refusedListsOnlyWhatWasNotKept() {
        assertThat(
                        repository
                                .refusedForUser(
                                        "example.com", "bob@example.com", DAY, NEXT_DAY, 200)
                                .lines())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.sender()).isEqualTo("loop@far.test");
                            assertThat(r.reason()).isEqualTo("554 5.4.0 too many hops");
                            assertThat(r.receivedAt()).isEqualTo(at(12));
                        });
        assertThat(repository.refusedForDomain("example.com", DAY, NEXT_DAY, 200).lines())
                .hasSize(1);
        assertThat(repository.refusedForDomain("other.org", DAY, NEXT_DAY, 200).lines()).isEmpty();
    }

    @Test
    void topHeldSendersOfADomainMostFirst() {
        assertThat(repository.topHeldSenders("example.com", DAY, NEXT_DAY, 10))
                .extracting(s -> s.sender() + "=" + s.messages())
                .containsExactly("spammer@bad.test=2", "other@bad.test=1", "worm@bad.test=1");
        assertThat(repository.topHeldSenders("example.com", DAY, NEXT_DAY, 1)).hasSize(1);
    }

    @Test
    void anAutoEnabledUserIsNotDueBeforeItsFirstReport() throws SQLException {
        sql(
                "INSERT INTO email_user_activation (address, activated_at, reports_from)"
                        + " VALUES ('bob@example.com', '2026-12-01 12:00:00',"
                        + " '2026-12-02 12:00:00')");
        assertThat(repository.usersDue("daily", 0, 500, NOW))
                .extracting(DueUser::address)
                .containsExactly("dave@other.org");
        assertThat(repository.usersDue("daily", 0, 500, NOW.plus(Duration.ofDays(1))))
                .extracting(DueUser::address)
                .containsExactly("bob@example.com", "dave@other.org");
    }

    @Test
    void oldSentRecordsArePurgedInBatchesAndRecentOnesKept() {
        for (int days = 1; days <= 3; days++) {
            ReportPeriod day = ReportPeriod.daily(NOW.minus(Duration.ofDays(40 * days)));
            repository.recordSent(
                    new SentRecord(
                            SubjectKind.USER, "bob@example.com", day, "bob@example.com", NOW));
        }
        ReportPeriod recent = ReportPeriod.daily(NOW);
        repository.recordSent(
                new SentRecord(
                        SubjectKind.USER, "bob@example.com", recent, "bob@example.com", NOW));
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        assertThat(repository.purgeSent(cutoff, 2)).isEqualTo(2);
        assertThat(repository.purgeSent(cutoff, 2)).isEqualTo(1);
        assertThat(repository.purgeSent(cutoff, 2)).isZero();
        // The recent one is still there: its period cannot be sent twice.
        assertThat(
                        repository.recordSent(
                                new SentRecord(
                                        SubjectKind.USER,
                                        "bob@example.com",
                                        recent,
                                        "bob@example.com",
                                        NOW)))
                .isFalse();
    }

    @Test
    void usersDueArePagedByIdAndPendingDomainsLeftOut() {
        List<DueUser> first = repository.usersDue("daily", 0, 1, NOW);
        assertThat(first).containsExactly(new DueUser(10, "bob@example.com", "example.com", "pdf"));
        assertThat(repository.usersDue("daily", 10, 1, NOW))
                .containsExactly(new DueUser(13, "dave@other.org", "other.org", "html"));
        assertThat(repository.usersDue("daily", 13, 1, NOW)).isEmpty();
        assertThat(repository.usersDue("weekly", 0, 500, NOW))
                .extracting(DueUser::address)
                .containsExactly("carol@example.com");
    }

    @Test
    void domainSettingsAreStoredOnceAndDomainsDueGetTheirAddressOrTheAdminContact() {
        assertThat(repository.settingsOf(1)).isEqualTo(DomainReportSettings.NONE);
        assertThat(repository.domainsDue("daily", 0, 500)).isEmpty();
        repository.changeSettings(1, new DomainReportSettings("daily", "pdf", null));
        repository.changeSettings(2, new DomainReportSettings("daily", "html", null));
        repository.changeSettings(3, new DomainReportSettings("daily", "html", null));
        assertThat(repository.domainsDue("daily", 0, 500))
                .containsExactly(
                        new DueDomain(1, "example.com", "pdf", "postmaster@example.com"),
                        new DueDomain(2, "other.org", "html", null));
        repository.changeSettings(
                1, new DomainReportSettings("weekly", "html", "reports@example.com"));
        assertThat(repository.settingsOf(1))
                .isEqualTo(new DomainReportSettings("weekly", "html", "reports@example.com"));
        assertThat(repository.allSettings())
                .containsOnlyKeys(1L, 2L, 3L)
                .containsEntry(
                        1L, new DomainReportSettings("weekly", "html", "reports@example.com"));
        assertThat(repository.domainsDue("weekly", 0, 500))
                .containsExactly(new DueDomain(1, "example.com", "html", "reports@example.com"));
        assertThat(repository.domainsDue("daily", 1, 500))
                .extracting(DueDomain::id)
                .containsExactly(2L);
    }

    @Test
    void aPeriodIsRecordedOnceAndTheLastEndIsRemembered() {
        ReportPeriod day = ReportPeriod.daily(NOW);
        SentRecord sent =
                new SentRecord(SubjectKind.USER, "bob@example.com", day, "bob@example.com", NOW);
        assertThat(repository.lastPeriodEnd(SubjectKind.USER, "bob@example.com")).isEmpty();
        assertThat(repository.recordSent(sent)).isTrue();
        assertThat(repository.recordSent(sent)).isFalse();
        assertThat(
                        repository.recordSent(
                                new SentRecord(
                                        SubjectKind.DOMAIN,
                                        "bob@example.com",
                                        day,
                                        "postmaster@example.com",
                                        NOW)))
                .as("another kind of subject is another report")
                .isTrue();
        ReportPeriod onDemand =
                new ReportPeriod("N1", NEXT_DAY, Instant.parse("2026-12-02T10:00:00.250Z"));
        assertThat(
                        repository.recordSent(
                                new SentRecord(
                                        SubjectKind.USER,
                                        "bob@example.com",
                                        onDemand,
                                        "bob@example.com",
                                        NOW)))
                .isTrue();
        assertThat(repository.lastPeriodEnd(SubjectKind.USER, "bob@example.com"))
                .contains(Instant.parse("2026-12-02T10:00:00.250Z"));
    }

    /**
     * Every read a report makes is planned by H2 on the index meant for it, and none scans a whole
     * table (the domain list's read of all report settings is the one read meant to take all).
     */
    @Test
    void everyReportQueryRunsOnItsIndex() throws Exception {
        List<String> prepared = new ArrayList<>();
        Connection recording =
                (Connection)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {Connection.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("prepareStatement")) {
                                        prepared.add((String) args[0]);
                                    }
                                    return method.invoke(c, args);
                                });
        JpaReportRepository r = new JpaReportRepository(recording);
        // A user's reads find its rows through log_recipient's key (address, received_at, log_id).
        String userLog =
                "\"log_recipient\" \"r\"\\s+/\\* public\\.PRIMARY_KEY_\\w+: [^*]*address = \\?1";
        String domainLog = "ix_message_log_domain_time: [^*]*domain = \\?1";
        List<Object[]> cases =
                List.<Object[]>of(
                        new Object[] {
                            userLog,
                            (Runnable)
                                    () ->
                                            r.userTotals(
                                                    "example.com", "bob@example.com", DAY, NEXT_DAY)
                        },
                        new Object[] {
                            userLog,
                            (Runnable)
                                    () ->
                                            r.heldForUser(
                                                    "example.com",
                                                    "bob@example.com",
                                                    DAY,
                                                    NEXT_DAY,
                                                    NOW,
                                                    1)
                        },
                        new Object[] {
                            userLog,
                            (Runnable)
                                    () ->
                                            r.refusedForUser(
                                                    "example.com",
                                                    "bob@example.com",
                                                    DAY,
                                                    NEXT_DAY,
                                                    1)
                        },
                        new Object[] {
                            domainLog, (Runnable) () -> r.domainTotals("example.com", DAY, NEXT_DAY)
                        },
                        new Object[] {
                            domainLog,
                            (Runnable) () -> r.refusedForDomain("example.com", DAY, NEXT_DAY, 1)
                        },
                        new Object[] {
                            domainLog,
                            (Runnable) () -> r.topHeldSenders("example.com", DAY, NEXT_DAY, 10)
                        },
                        new Object[] {
                            "ix_quarantine_domain_created",
                            (Runnable) () -> r.heldForDomain("example.com", DAY, NEXT_DAY, NOW, 1)
                        },
                        new Object[] {
                            "ix_email_user_report",
                            (Runnable) () -> r.usersDue("daily", 0, 500, NOW)
                        },
                        new Object[] {
                            "ix_domain_report_due", (Runnable) () -> r.domainsDue("daily", 0, 500)
                        },
                        new Object[] {
                            "ix_report_sent_last",
                            (Runnable) () -> r.lastPeriodEnd(SubjectKind.USER, "bob@example.com")
                        });
        for (Object[] read : cases) {
            prepared.clear();
            ((Runnable) read[1]).run();
            assertThat(prepared).isNotEmpty();
            for (String sql : prepared) {
                String plan = plan(sql);
                assertThat(plan)
                        .as(sql)
                        .containsPattern((String) read[0])
                        .doesNotContain("tableScan");
            }
        }
    }

    private String plan(String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Instant at(int hour) {
        return DAY.plusSeconds(hour * 3600L);
    }

    private long log(
            String domain,
            String sender,
            String subject,
            String status,
            String verdict,
            String reasons,
            String reason,
            Instant at,
            String... recipients)
            throws SQLException {
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO message_log (queue_id, direction, domain, client_ip,"
                                + " sender, recipients, subject, size_bytes, status, reason,"
                                + " verdict, verdict_reasons, received_at, updated_at)"
                                + " VALUES (?, 'INBOUND', ?, ?, ?, ?, ?, 100, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "q" + ++queueIds);
            ps.setString(2, domain);
            // The gateway's own mail (a report: no sender) was received from no client.
            ps.setString(3, sender.isEmpty() ? null : "192.0.2.7");
            ps.setString(4, sender);
            ps.setString(5, String.join(",", recipients));
            ps.setString(6, subject);
            ps.setString(7, status);
            ps.setString(8, reason);
            ps.setString(9, verdict);
            ps.setString(10, reasons);
            Jdbc.setTime(ps, 11, at);
            Jdbc.setTime(ps, 12, at);
            id = Jdbc.insertReturningId(ps);
        }
        for (String r : recipients) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO log_recipient (address, received_at, log_id)"
                                    + " VALUES (?, ?, ?)")) {
                ps.setString(1, r);
                Jdbc.setTime(ps, 2, at);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
        }
        return id;
    }

    private long hold(
            long logId,
            String domain,
            String sender,
            String subject,
            String verdict,
            double score,
            String reasons,
            Instant at,
            String... recipients)
            throws SQLException {
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO quarantine_message (queue_id, log_id, domain, direction,"
                                + " sender, recipients, subject, verdict, score, reasons,"
                                + " size_bytes, created_at, expires_at, content)"
                                + " VALUES (?, ?, ?, 'INBOUND', ?, ?, ?, ?, ?, ?, 100, ?, ?, X'00')",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "h" + logId);
            ps.setLong(2, logId);
            ps.setString(3, domain);
            ps.setString(4, sender);
            ps.setString(5, String.join(",", recipients));
            ps.setString(6, subject);
            ps.setString(7, verdict);
            ps.setDouble(8, score);
            ps.setString(9, reasons);
            Jdbc.setTime(ps, 10, at);
            Jdbc.setTime(ps, 11, EXPIRES);
            id = Jdbc.insertReturningId(ps);
        }
        for (String r : recipients) {
            sql(
                    "INSERT INTO quarantine_recipient (address, quarantine_id) VALUES ('"
                            + r
                            + "', "
                            + id
                            + ")");
        }
        return id;
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
