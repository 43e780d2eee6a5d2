package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * One message for many hosted domains (issue 11, item 8): its bytes are stored once however many
 * domains it goes to, each domain still gets its copy, and a transaction names at most
 * FILTERMX_RECIPIENT_DOMAIN_LIMIT (default 50) domains; the others get 452 4.5.3 and arrive when
 * the client sends them again.
 */
@GatewayTest
@RunAsClient
class RecipientDomainsIT {

    private static final int DOMAIN_LIMIT = 50;
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private final Api api = Gateway.admin();

    @Test
    void aLargeMessageToTwentyFiveDomainsIsStoredOnceAndDeliveredToEach() throws Exception {
        int port = SmtpSink.freePort();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String domain = Gateway.uniqueDomain("many" + i);
            api.addDomain(domain, port);
            recipients.add("postmaster@" + domain);
        }
        String marker = "body-" + UUID.randomUUID();
        String messageId = UUID.randomUUID() + "@domains.test";
        String content = largeMessage(recipients, messageId, marker, 900_000);

        String reply;
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            reply = smtp.transaction("alice@sender.example", recipients, content);
        }
        assertThat(reply).startsWith("250 2.0.0").endsWith("-*");
        String queueId = reply.substring(reply.indexOf("queued as ") + 10, reply.length() - 2);

        // The destination is down: every part waits in the spool, all on one stored body.
        String parts =
                Gateway.query(
                        "SELECT COUNT(DISTINCT c.body_id), COUNT(*), SUM(LENGTH(c.content)),"
                                + " MAX(b.size_bytes) FROM spool_message s JOIN spool_content c ON c.spool_id = s.id"
                                + " LEFT JOIN message_body b ON b.id = c.body_id WHERE s.queue_id LIKE '"
                                + queueId
                                + "-%'");
        String[] columns = parts.split("\t");
        assertThat(columns[1])
                .as("spooled parts; the log says %s", api.log("messageId", messageId))
                .isNotEqualTo("0");
        assertThat(columns[0]).as("distinct bodies").isEqualTo("1");
        assertThat(columns[1]).as("spooled parts").isEqualTo("25");
        assertThat(Long.parseLong(columns[2]))
                .as("bytes kept per part besides the body")
                .isLessThan(25 * 2_000L);
        assertThat(Long.parseLong(columns[3])).as("the body").isGreaterThan(900_000L);
        String bodyId =
                Gateway.query(
                        "SELECT MAX(c.body_id) FROM spool_message s JOIN spool_content c"
                                + " ON c.spool_id = s.id WHERE s.queue_id LIKE '"
                                + queueId
                                + "-%'");

        try (SmtpSink sink = SmtpSink.startOn(port)) {
            List<String> delivered = sink.awaitMessages(25, DELIVERY);
            assertThat(delivered).hasSize(25);
            for (String rcpt : recipients) {
                assertThat(delivered)
                        .as("a copy for " + rcpt)
                        .anySatisfy(
                                m ->
                                        assertThat(m)
                                                .contains("X-Rcpt-Args: <" + rcpt + ">")
                                                .contains(marker)
                                                .contains("X-FilterMX-Verdict: "));
            }
        }
        // The last part to finish takes the body with it.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String left = Gateway.query("SELECT COUNT(*) FROM message_body WHERE id = " + bodyId);
        while (!left.equals("0") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            left = Gateway.query("SELECT COUNT(*) FROM message_body WHERE id = " + bodyId);
        }
        assertThat(left).as("the shared body after the last delivery").isEqualTo("0");
    }

    @Test
    void recipientsBeyondTheDomainLimitAreRefusedForNowAndArriveOnRetry() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i <= DOMAIN_LIMIT; i++) {
                String domain = Gateway.uniqueDomain("cap" + i);
                api.addDomain(domain, sink.port());
                recipients.add("postmaster@" + domain);
            }
            String messageId = UUID.randomUUID() + "@domains.test";
            String excess = recipients.get(DOMAIN_LIMIT);
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
                for (String rcpt : recipients.subList(0, DOMAIN_LIMIT)) {
                    assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
                }
                assertThat(smtp.command("RCPT TO:<" + excess + ">")).startsWith("452 4.5.3");
                assertThat(
                                smtp.command(
                                        "RCPT TO:<hostmaster@"
                                                + recipients.get(0).substring(11)
                                                + ">"))
                        .as("another recipient at a domain already named")
                        .startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.send(
                        SmtpConversation.message(
                                        "alice@sender.example", "undisclosed", messageId, "capped")
                                + ".\r\n");
                assertThat(smtp.reply()).startsWith("250 2.0.0");
                // RFC 5321 section 4.5.3.1.10: the client sends the refused recipient again.
                assertThat(
                                smtp.transaction(
                                        "alice@sender.example",
                                        List.of(excess),
                                        SmtpConversation.message(
                                                "alice@sender.example",
                                                "undisclosed",
                                                messageId,
                                                "capped")))
                        .startsWith("250 2.0.0");
            }
            List<String> delivered = sink.awaitMessages(DOMAIN_LIMIT + 1, DELIVERY);
            assertThat(delivered).hasSize(DOMAIN_LIMIT + 1);
            assertThat(delivered)
                    .anySatisfy(m -> assertThat(m).contains("X-Rcpt-Args: <" + excess + ">"));
        }
    }

    @Test
    void partsHeldForSeveralDomainsShareOneBodyAndAReleaseDeliversIt() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String domain = Gateway.uniqueDomain("held" + i);
                api.addDomain(domain, sink.port());
                assertThat(
                                api.put(
                                                "/domains/" + domain + "/filter-policy",
                                                "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                        .status())
                        .isEqualTo(200);
                recipients.add("bob@" + domain);
            }
            String marker = "held-" + UUID.randomUUID();
            String subject = "Held for two " + marker;
            String content =
                    "From: spammer@sender.example\r\nTo: "
                            + String.join(", ", recipients)
                            + "\r\n"
                            + "Subject: "
                            + subject
                            + "\r\n"
                            + "Date: "
                            + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())
                            + "\r\n"
                            + "Message-ID: <"
                            + marker
                            + "@sender.example>\r\n\r\n"
                            + FilteringIT.GTUBE
                            + "\r\n"
                            + marker
                            + "\r\n";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.transaction("spammer@sender.example", recipients, content))
                        .startsWith("250 2.0.0");
            }
            List<Long> held = new ArrayList<>();
            for (String rcpt : recipients) {
                List<Map<String, Object>> found =
                        api.get("/quarantine" + Api.query("domain", rcpt.substring(4))).jsonArray();
                assertThat(found)
                        .singleElement()
                        .satisfies(h -> assertThat(h).containsEntry("subject", subject));
                held.add(Long.parseLong(Api.id(found.get(0).get("id"))));
            }
            assertThat(
                            Gateway.query(
                                    "SELECT COUNT(DISTINCT body_id), COUNT(*) FROM quarantine_body"
                                            + " WHERE quarantine_id IN ("
                                            + held.get(0)
                                            + ", "
                                            + held.get(1)
                                            + ")"))
                    .as("two held parts, one stored body")
                    .isEqualTo("1\t2");

            assertThat(api.post("/quarantine/" + held.get(1) + "/release", "").status())
                    .isEqualTo(200);
            String delivered = sink.awaitMessages(1, DELIVERY).get(0);
            assertThat(delivered)
                    .contains("X-Rcpt-Args: <" + recipients.get(1) + ">")
                    .contains("Subject: " + subject)
                    .contains("X-FilterMX-Verdict: quarantine")
                    .contains(marker);
            Api.Response other = api.get("/quarantine/" + held.get(0) + "/raw");
            assertThat(other.status()).isEqualTo(200);
            assertThat(other.body())
                    .as("the other part still reads its copy")
                    .contains("Subject: " + subject)
                    .contains(marker)
                    .contains("X-FilterMX-Verdict: quarantine");
        }
    }

    /**
     * A plain-text message of about {@code size} octets to {@code to}, with {@code marker} in its
     * body.
     */
    private static String largeMessage(List<String> to, String messageId, String marker, int size) {
        StringBuilder sb = new StringBuilder(size + 4096);
        sb.append("From: alice@sender.example\r\nTo: ")
                .append(String.join(",\r\n ", to))
                .append("\r\n")
                .append("Subject: Quarterly figures\r\n")
                .append("Date: ")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
                .append("\r\nMessage-ID: <")
                .append(messageId)
                .append(">\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append(marker)
                .append("\r\n");
        String line =
                "The figures for the quarter are attached in the usual format, see below.\r\n";
        while (sb.length() < size) {
            sb.append(line);
        }
        return new String(
                sb.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
