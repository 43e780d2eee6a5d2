package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * A report run cut by a power failure half-way resumes without sending anyone a second report:
 * {@value #USERS} users of a fresh domain, a run started through the API, SIGKILL to the server
 * while the run is among those users, a restart; the run the server makes after each start ({@code
 * ReportSchedule}) finishes the work, and every user has received exactly one report (one
 * Message-ID; a message the destination accepted just before the cut may be delivered again, RFC
 * 5321 section 6.1, but it is the same report).
 *
 * <p>It kills and restarts the server, through Arquillian, and leaves it healthy before it ends.
 */
@GatewayTest
@RunAsClient
class ReportRunResumeIT {

    private static final int USERS = 300;
    private static final Pattern RCPT = Pattern.compile("(?m)^X-Rcpt-Args: <([^>]+)>");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: <([^>]+)>");

    private final Api api = Gateway.admin();

    @Test
    void aRunKilledHalfWayResumesWithoutSecondReports() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("resume");
            api.addDomain(domain, sink.port());
            try {
                seedUsers(domain);
                assertThat(api.post("/reports/runs", "").status()).as("run started").isEqualTo(202);
                int atCut;
                try {
                    atCut = awaitSent(domain, n -> n >= USERS / 10, Duration.ofMinutes(5));
                    Gateway.crash();
                } finally {
                    Gateway.restart();
                    assertThat(Gateway.awaitHealthy(Duration.ofSeconds(90)))
                            .as("gateway up again")
                            .isTrue();
                }
                assertThat(atCut)
                        .as("reports recorded when the power was cut (seed more users if all)")
                        .isBetween(1, USERS - 1);

                // No second request: the server's run at start resumes by itself.
                assertThat(awaitSent(domain, n -> n >= USERS, Duration.ofMinutes(5)))
                        .as("reports recorded after the restart")
                        .isEqualTo(USERS);

                sink.awaitMessages(USERS, Duration.ofMinutes(3));
                Map<String, Set<String>> reports = new HashMap<>();
                for (String message : sink.messagesAfter(Duration.ofSeconds(5))) {
                    Matcher r = RCPT.matcher(message);
                    Matcher id = MESSAGE_ID.matcher(message);
                    assertThat(r.find()).as("recipient in dump").isTrue();
                    reports.computeIfAbsent(r.group(1), k -> new HashSet<>())
                            .add(id.find() ? id.group(1) : "(no Message-ID)");
                }
                assertThat(reports).as("users who received a report").hasSize(USERS);
                assertThat(reports)
                        .as("distinct reports per user")
                        .allSatisfy((rcpt, ids) -> assertThat(ids).as(rcpt).hasSize(1));
            } finally {
                api.delete("/domains/" + domain);
            }
        }
    }

    /** Inserts the users in one statement: the API would add them one request at a time. */
    private static void seedUsers(String domain) throws Exception {
        Gateway.sql(
                "INSERT INTO email_user (address, domain_id, report_frequency, report_format,"
                        + " created_at) SELECT CONCAT('user', seq, '@"
                        + domain
                        + "'), d.id, 'daily', 'html', NOW(3) FROM seq_1_to_"
                        + USERS
                        + " JOIN domain d ON d.name = '"
                        + domain
                        + "'");
    }

    /** Polls the sent records of {@code domain}'s users until {@code done}; returns the count. */
    private static int awaitSent(String domain, IntPredicate done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = sentCount(domain);
        while (!done.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            n = sentCount(domain);
        }
        return n;
    }

    private static int sentCount(String domain) throws Exception {
        return Integer.parseInt(
                Gateway.query(
                        "SELECT COUNT(*) FROM report_sent WHERE subject LIKE '%@" + domain + "'"));
    }
}
