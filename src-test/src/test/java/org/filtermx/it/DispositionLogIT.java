package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The disposition log in the server's log file: a message delivered to a real destination leaves
 * one {@code org.filtermx.disposition} line for its recipient with {@code status=sent}, the relay
 * and the destination's reply; one whose destination does not answer leaves {@code status=deferred}
 * lines. With {@code FILTERMX_LOG_FORMAT=json} (the system properties the launcher sets for it) the
 * server writes JSON lines to {@code server.json.log} instead, the disposition line among them.
 * That test restarts the server twice, the second time with the normal settings.
 */
@GatewayTest
@RunAsClient
class DispositionLogIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path LOG_DIR =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    Gateway.ROOT.resolve("src-test/target/it").toString()))
                    .resolve("server/log");

    private final Api api = Gateway.admin();

    @Test
    void aDeliveredMessageLeavesOneSentLineWithRelayDsnAndReply() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("disposition-sent");
            api.addDomain(domain, sink.port());
            String rcpt = "bob@" + domain;
            send(rcpt);
            assertThat(sink.awaitMessages(1, WAIT)).hasSize(1);

            String line = awaitLine(LOG_DIR.resolve("server.log"), "to=<" + rcpt + ">", "sent");
            assertThat(line)
                    .contains("[org.filtermx.disposition]")
                    .contains(" from=<alice@sender.example> to=<" + rcpt + "> domain=" + domain)
                    .contains(" status=sent relay=127.0.0.1:" + sink.port() + " dsn=2.0.0 delay=")
                    .contains(" reply=\"250");
            assertThat(lines(LOG_DIR.resolve("server.log"), "to=<" + rcpt + ">"))
                    .as("one line for the one recipient")
                    .hasSize(1);
        }
    }

    @Test
    void aDestinationThatDoesNotAnswerLeavesDeferredLines() throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("disposition-deferred");
        api.addDomain(domain, port);
        String rcpt = "bob@" + domain;
        send(rcpt);

        String line = awaitLine(LOG_DIR.resolve("server.log"), "to=<" + rcpt + ">", "deferred");
        assertThat(line).contains(" dsn=4.").contains(" reply=\"");
    }

    @Test
    void aMessageRefusedAtTheEndOfDataLeavesARejectedLine() throws Exception {
        String domain = Gateway.uniqueDomain("disposition-rejected");
        api.addDomain(domain, SmtpSink.freePort());
        String rcpt = "bob@" + domain;
        Swaks.Result refused =
                Swaks.send("spammer@sender.example", rcpt, "--body", FilteringIT.GTUBE);
        assertThat(refused.transcript()).contains("550 5.7.1");

        String line = awaitLine(LOG_DIR.resolve("server.log"), "to=<" + rcpt + ">", "rejected");
        assertThat(line)
                .contains(" from=<spammer@sender.example> ")
                .contains(" status=rejected relay=none dsn=5.7.1 delay=")
                .contains(" reply=\"550 5.7.1 Message rejected as spam\"");
    }

    @Test
    void withJsonLinesTheDispositionIsAJsonObjectInServerJsonLog() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            Gateway.restartWith(Map.of("filtermx.log.json", "true", "filtermx.log.text", "false"));
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
            String domain = Gateway.uniqueDomain("disposition-json");
            api.addDomain(domain, sink.port());
            String rcpt = "bob@" + domain;
            send(rcpt);
            assertThat(sink.awaitMessages(1, WAIT)).hasSize(1);

            // The domain alone: the JSON writer may escape the angle brackets of to=<...>.
            String line = awaitLine(LOG_DIR.resolve("server.json.log"), domain, "sent");
            assertThat(line)
                    .startsWith("{")
                    .endsWith("}")
                    .contains("\"loggerName\":\"org.filtermx.disposition\"")
                    .contains("status=sent");
            assertThat(lines(LOG_DIR.resolve("server.log"), domain))
                    .as("the text handler is off")
                    .isEmpty();
        } finally {
            Gateway.restartWith(Map.of());
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
        }
    }

    @Test
    void stateChangingApiCallsLeaveAuditLinesWithCallerClientAndStatusButNoBody() throws Exception {
        String domain = Gateway.uniqueDomain("audit");
        api.addDomain(domain, SmtpSink.freePort());
        String secret = "Audit-Secret-" + UUID.randomUUID();
        Api.Response refused =
                Api.anonymous()
                        .put(
                                "/domains/" + domain + "/settings",
                                "{\"password\":\"" + secret + "\"}");
        assertThat(refused.status()).isEqualTo(401);

        // Other tests of the suite add domains too, as other callers: the last line of the
        // administrator's POST is this test's.
        String added = awaitAudit("method=POST path=/api/v1/domains action=\"\" caller=admin ");
        assertThat(added)
                .contains("[org.filtermx.audit]")
                .contains(" source=api method=POST path=/api/v1/domains action=\"\" caller=admin")
                .contains(" client=127.0.0.1 status=201");
        String anonymous = awaitAudit("path=/api/v1/domains/" + domain + "/settings ");
        assertThat(anonymous).contains("method=PUT").contains(" caller=- ").endsWith(" status=401");
        assertThat(Files.readString(LOG_DIR.resolve("server.log"), StandardCharsets.UTF_8))
                .as("no request body in the log")
                .doesNotContain(secret);
    }

    private static String awaitAudit(String needle) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<String> found =
                    Files.readAllLines(LOG_DIR.resolve("server.log"), StandardCharsets.UTF_8)
                            .stream()
                            .filter(l -> l.contains("org.filtermx.audit") && l.contains(needle))
                            .reduce((first, second) -> second);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no audit line with " + needle);
            }
            Thread.sleep(200);
        }
    }

    private static void send(String rcpt) throws Exception {
        Swaks.send(
                        "alice@sender.example",
                        rcpt,
                        "--header",
                        "Message-Id: <" + UUID.randomUUID() + "@disposition.test>",
                        "--header",
                        "Subject: disposition log")
                .assertAccepted();
    }

    /** Waits for a line of {@code file} with {@code needle} and {@code status=<status> }. */
    private static String awaitLine(Path file, String needle, String status)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<String> found =
                    lines(file, needle).stream()
                            .filter(l -> l.contains("status=" + status + " "))
                            .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no status=" + status + " line for " + needle + " in " + file);
            }
            Thread.sleep(200);
        }
    }

    private static List<String> lines(Path file, String needle) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("org.filtermx.disposition") && l.contains(needle))
                .toList();
    }
}
