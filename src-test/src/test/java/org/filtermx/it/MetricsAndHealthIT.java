package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * What an operator's Prometheus and load balancer see on the management interface: {@code /metrics}
 * counts the mail the gateway took, held, refused and delivered, and {@code /health/ready} names
 * each readiness check and turns DOWN (503) while the database is stopped.
 */
@GatewayTest
@RunAsClient
class MetricsAndHealthIT {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final Api api = Gateway.admin();

    @Test
    void metricsCountAcceptedHeldRefusedAndDeliveredMail() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("metrics");
            api.addDomain(domain, sink.port());
            Prometheus before = Prometheus.scrape();
            String rcpt = "bob@" + domain;
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                Prometheus open = Prometheus.scrape();
                assertThat(open.count("filtermx_smtp_sessions_open", "listener=\"inbound\""))
                        .as("an SMTP session is open")
                        .isGreaterThanOrEqualTo(1);
                String id = UUID.randomUUID() + "@metrics.test";
                assertThat(
                                smtp.transaction(
                                        "alice@sender.example",
                                        List.of(rcpt),
                                        SmtpConversation.message(
                                                "alice@sender.example", rcpt, id, "clean")))
                        .startsWith("250");
                // GTUBE scores 1000: refused as spam under the default policy, held once the
                // domain's reject threshold is above that.
                assertThat(smtp.transaction("spammer@sender.example", List.of(rcpt), spam(rcpt)))
                        .startsWith("550 5.7.1");
                assertThat(
                                api.put(
                                                "/domains/" + domain + "/filter-policy",
                                                "{\"quarantineThreshold\":5.0,"
                                                        + "\"rejectThreshold\":5000.0}")
                                        .status())
                        .isEqualTo(200);
                assertThat(smtp.transaction("spammer@sender.example", List.of(rcpt), spam(rcpt)))
                        .startsWith("250");
                assertThat(smtp.transaction("alice@sender.example", List.of(rcpt), looping(rcpt)))
                        .startsWith("554");
            }
            assertThat(sink.awaitMessages(1, SETTLE)).hasSize(1);

            Prometheus after =
                    awaitScrape(
                            p ->
                                    p.count("filtermx_recipients_delivered_total")
                                            >= before.count("filtermx_recipients_delivered_total")
                                                    + 1);
            assertThat(delta(before, after, "filtermx_messages_accepted_total")).isEqualTo(2);
            assertThat(delta(before, after, "filtermx_messages_held_total")).isEqualTo(1);
            assertThat(delta(before, after, "filtermx_messages_refused_total", "reason=\"loop\""))
                    .isEqualTo(1);
            assertThat(delta(before, after, "filtermx_messages_refused_total", "reason=\"spam\""))
                    .isEqualTo(1);
            assertThat(
                            delta(
                                    before,
                                    after,
                                    "filtermx_delivery_attempt_seconds_count",
                                    "route=\"127.0.0.1\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "filtermx_scan_seconds_count", "scanner=\"gtube\""))
                    .isEqualTo(3);
            assertThat(after.value("filtermx_scan_seconds_sum", "scanner=\"gtube\""))
                    .as("scan time is summed")
                    .isNotNull()
                    .isPositive();
            assertThat(after.value("filtermx_queue_depth")).isNotNull().isGreaterThanOrEqualTo(0);
            assertThat(after.value("filtermx_queue_oldest_age_seconds"))
                    .isNotNull()
                    .isGreaterThanOrEqualTo(0);
            assertThat(after.value("filtermx_recipients_deferred_total")).isNotNull();
            assertThat(after.value("filtermx_recipients_bounced_total")).isNotNull();
            assertThat(after.value("filtermx_report_runs_total")).isNotNull();
        }
    }

    @Test
    void readinessNamesEachCheckAndLivenessIsUp() throws Exception {
        HttpResponse<String> ready = Prometheus.get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        Map<String, Object> body = Json.object(ready.body());
        assertThat(body).containsEntry("status", "UP");
        assertThat(checks(body))
                .containsEntry("database", "UP")
                .containsEntry("spool-storage", "UP")
                .containsEntry("smtp-listener", "UP")
                .containsEntry("engines", "UP");

        HttpResponse<String> live = Prometheus.get("/health/live");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(checks(Json.object(live.body()))).containsEntry("deployment", "UP");
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsStopped() throws Exception {
        try {
            Gateway.stopDatabase();
            HttpResponse<String> ready = null;
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < deadline) {
                ready = Prometheus.get("/health/ready");
                if (ready.statusCode() == 503) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            Map<String, Object> body = Json.object(ready.body());
            assertThat(body).containsEntry("status", "DOWN");
            assertThat(checks(body))
                    .containsEntry("database", "DOWN")
                    .containsEntry("smtp-listener", "UP");
            Api.Response summary = Api.anonymous().get("/health");
            assertThat(summary.status()).isEqualTo(503);
            assertThat(summary.json().get("parts"))
                    .isEqualTo(Map.of("database", "DOWN", "smtp", "UP"));
            assertThat(Prometheus.get("/health/live").statusCode())
                    .as("liveness does not depend on the database")
                    .isEqualTo(200);
        } finally {
            Gateway.startDatabase();
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(60)))
                    .as("gateway healthy again")
                    .isTrue();
        }
        assertThat(Prometheus.get("/health/ready").statusCode()).isEqualTo(200);
    }

    /** GTUBE, the spam filters' test pattern, in an otherwise well-formed message. */
    private static String spam(String rcpt) {
        return "From: spammer@sender.example\r\nTo: "
                + rcpt
                + "\r\nSubject: spam\r\nDate: Wed, 02 Dec 2026 10:00:00 +0000\r\nMessage-ID: <"
                + UUID.randomUUID()
                + "@sender.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + FilteringIT.GTUBE
                + "\r\n";
    }

    /** A message with more Received fields than the hop limit: a loop, refused. */
    private static String looping(String rcpt) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            m.append("Received: from hop")
                    .append(i)
                    .append(".example by hop")
                    .append(i + 1)
                    .append(".example; Wed, 02 Dec 2026 10:00:00 +0000\r\n");
        }
        return m.append("From: alice@sender.example\r\nTo: ")
                .append(rcpt)
                .append("\r\nSubject: loop\r\nMessage-ID: <")
                .append(UUID.randomUUID())
                .append("@sender.example>\r\n\r\nround and round\r\n")
                .toString();
    }

    private static double delta(Prometheus before, Prometheus after, String name, String... l) {
        return after.count(name, l) - before.count(name, l);
    }

    private static Prometheus awaitScrape(Predicate<Prometheus> done) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Prometheus p = Prometheus.scrape();
        while (!done.test(p) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            p = Prometheus.scrape();
        }
        return p;
    }

    /** The MicroProfile Health answer's checks, name to status. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> checks(Map<String, Object> body) {
        Map<String, Object> byName = new java.util.LinkedHashMap<>();
        for (Object check : (List<Object>) body.get("checks")) {
            Map<String, Object> c = (Map<String, Object>) check;
            byName.put((String) c.get("name"), c.get("status"));
        }
        return byName;
    }
}
