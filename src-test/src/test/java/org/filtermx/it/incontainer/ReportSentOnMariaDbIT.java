package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository;
import org.filtermx.domain.model.report.ReportRepository.SentRecord;
import org.filtermx.domain.model.report.ReportRepository.SubjectKind;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sent record that makes a report go out once (ADR 0023), on MariaDB inside the server: a
 * second transaction recording the same report waits for the first, is told "sent before" once the
 * first commits, and can go on with its transaction; if the first rolls back, the second records
 * the report. Two runs racing thus send one report, and a report whose sending failed is not lost.
 *
 * <p>The archive carries the domain model and the real {@code JpaReportRepository} with a
 * persistence unit of its own on the server's datasource, as {@link PersistenceOnMariaDbIT} does.
 */
@ExtendWith(ArquillianExtension.class)
class ReportSentOnMariaDbIT {

    /** How long the first transaction holds its uncommitted record before it ends. */
    private static final long HOLD_MILLIS = 1500;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "report-sent-on-mariadb.war")
                .addClass(ReportSentOnMariaDbIT.class)
                .addPackages(true, Filters.exclude(".*Test.*"), "org.filtermx.domain")
                .addClass("org.filtermx.infrastructure.persistence.JpaReportRepository")
                .addClass("org.filtermx.infrastructure.persistence.JpaReportRepository$Binder")
                .addClass("org.filtermx.infrastructure.persistence.Jdbc")
                .addClass("org.filtermx.infrastructure.persistence.Jdbc$Work")
                .addAsResource(
                        new StringAsset(
                                """
                                <?xml version="1.0" encoding="UTF-8"?>
                                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                                    <persistence-unit name="filtermx">
                                        <jta-data-source>java:jboss/datasources/FilterMXDS</jta-data-source>
                                        <exclude-unlisted-classes>false</exclude-unlisted-classes>
                                        <shared-cache-mode>NONE</shared-cache-mode>
                                        <properties>
                                            <property name="jakarta.persistence.schema-generation.database.action" value="none"/>
                                            <property name="hibernate.jdbc.time_zone" value="UTC"/>
                                        </properties>
                                    </persistence-unit>
                                </persistence>
                                """),
                        "META-INF/persistence.xml")
                .addAsWebInfResource(
                        new StringAsset(
                                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
    }

    @Inject private ReportRepository reports;

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource database;

    private final List<String> subjects = new ArrayList<>();

    @AfterEach
    void removeTheTestRecords() throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM report_sent WHERE subject = ?")) {
            for (String s : subjects) {
                ps.setString(1, s);
                ps.executeUpdate();
            }
        }
    }

    @Test
    void aRacingSecondRecordWaitsForTheFirstThenStopsAndItsTransactionGoesOn() throws Exception {
        String subject = subject();
        ReportPeriod day = ReportPeriod.daily(Instant.parse("2026-12-02T00:05:00Z"));
        Race race = race(subject, day, true);

        assertTrue(race.first, "the first run records the report");
        assertFalse(race.second, "the racing run is told it was sent before");
        assertTrue(
                race.secondReturnedAt >= race.firstEndedAt,
                "the racing run waited for the first to commit");
        assertTrue(race.secondCommitted, "the racing run's transaction went on and committed");
        assertEquals(2, rows(subject), "the day's report once, and the other report recorded");
    }

    @Test
    void aRolledBackFirstRecordLeavesTheReportToTheNextRun() throws Exception {
        String subject = subject();
        ReportPeriod day = ReportPeriod.daily(Instant.parse("2026-12-03T00:05:00Z"));
        Race race = race(subject, day, false);

        assertTrue(race.first);
        assertTrue(race.second, "after the first rolled back, the report is the second's");
        assertEquals(2, rows(subject));
    }

    /** What the two transactions saw, and when. */
    private static final class Race {
        volatile boolean first;
        volatile boolean second;
        volatile boolean secondCommitted;
        volatile long firstEndedAt;
        volatile long secondReturnedAt;
    }

    /**
     * The first transaction records {@code day}'s report and holds it uncommitted for a moment,
     * then commits ({@code commitFirst}) or rolls back; the second records the same report
     * meanwhile, then another period's, and commits.
     */
    private Race race(String subject, ReportPeriod day, boolean commitFirst) throws Exception {
        Race race = new Race();
        CountDownLatch recorded = new CountDownLatch(1);
        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            Future<?> first =
                    runs.submit(
                            () -> {
                                UserTransaction tx = transaction();
                                tx.begin();
                                race.first = reports.recordSent(record(subject, day));
                                recorded.countDown();
                                Thread.sleep(HOLD_MILLIS);
                                race.firstEndedAt = System.nanoTime();
                                if (commitFirst) {
                                    tx.commit();
                                } else {
                                    tx.rollback();
                                }
                                return null;
                            });
            Future<?> second =
                    runs.submit(
                            () -> {
                                assertTrue(recorded.await(30, TimeUnit.SECONDS));
                                UserTransaction tx = transaction();
                                tx.begin();
                                race.second = reports.recordSent(record(subject, day));
                                race.secondReturnedAt = System.nanoTime();
                                ReportPeriod other =
                                        ReportPeriod.since(
                                                null,
                                                java.time.Duration.ofDays(1),
                                                day.end().plusSeconds(60));
                                assertTrue(reports.recordSent(record(subject, other)));
                                tx.commit();
                                race.secondCommitted = true;
                                return null;
                            });
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            runs.shutdownNow();
        }
        return race;
    }

    private String subject() {
        String s = "race-" + UUID.randomUUID().toString().substring(0, 8) + "@report.test";
        subjects.add(s);
        return s;
    }

    private static SentRecord record(String subject, ReportPeriod period) {
        return new SentRecord(SubjectKind.USER, subject, period, subject, Instant.now());
    }

    private int rows(String subject) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM report_sent WHERE subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static UserTransaction transaction() throws Exception {
        return (UserTransaction) new InitialContext().lookup("java:jboss/UserTransaction");
    }
}
