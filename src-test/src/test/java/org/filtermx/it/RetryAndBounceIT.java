package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * What happens after the 250: temporary failures are retried until the destination takes the
 * message; permanent ones end in a DSN to the sender (never to the null sender). The gateway under
 * test retries after 2 s, then every 4 s.
 */
@GatewayTest
@RunAsClient
class RetryAndBounceIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(20);
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private final Api api = Gateway.admin();

    @Test
    void aMessageWaitsWhileTheDestinationIsDownAndIsDeliveredOnceItIsUp() throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("down");
        api.addDomain(domain, port);
        String messageId = send("alice@sender.example", "bob@" + domain, "waits");

        List<Map<String, Object>> deferred =
                api.awaitLog(Api.allWithStatus(1, "DEFERRED"), LOG_WAIT, "messageId", messageId);
        assertThat(deferred)
                .singleElement()
                .satisfies(e -> assertThat(e.get("status")).isEqualTo("DEFERRED"));
        Object id = deferred.get(0).get("id");
        assertThat(details(api.logEntry(id)))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .contains("127.0.0.1")
                                        .containsIgnoringCase("connection refused"));

        try (SmtpSink sink = SmtpSink.startOn(port)) {
            assertThat(sink.awaitMessages(1, DELIVERY))
                    .singleElement()
                    .asString()
                    .contains("<" + messageId + ">");
            assertThat(
                            api.awaitLog(
                                    Api.allWithStatus(1, "DELIVERED"),
                                    LOG_WAIT,
                                    "messageId",
                                    messageId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("DELIVERED"));
        }
    }

    @Test
    void aTemporaryRefusalIsRetriedUntilTheDestinationAccepts() throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("soft");
        api.addDomain(domain, port);
        String messageId;
        try (SmtpSink refusing = SmtpSink.startOn(port, "-r", "rcpt")) {
            messageId = send("alice@sender.example", "bob@" + domain, "soft refusal");
            // Two refused attempts at least, each recorded with the destination's reply.
            long deadline = System.nanoTime() + LOG_WAIT.toNanos();
            List<String> refusals = List.of();
            while (refusals.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                List<Map<String, Object>> found = api.log("messageId", messageId);
                refusals =
                        found.isEmpty()
                                ? List.of()
                                : details(api.logEntry(found.get(0).get("id"))).stream()
                                        .filter(d -> d.contains("450 4.3.0"))
                                        .toList();
            }
            assertThat(refusals).as("refused attempts").hasSizeGreaterThanOrEqualTo(2);
            assertThat(refusing.messages()).isEmpty();
            assertThat(api.log("messageId", messageId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("DEFERRED"));
        }
        try (SmtpSink sink = SmtpSink.startOn(port)) {
            assertThat(sink.awaitMessages(1, DELIVERY))
                    .singleElement()
                    .asString()
                    .contains("<" + messageId + ">");
            assertThat(
                            api.awaitLog(
                                    Api.allWithStatus(1, "DELIVERED"),
                                    LOG_WAIT,
                                    "messageId",
                                    messageId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("DELIVERED"));
        }
    }

    @Test
    void aPermanentRefusalBouncesWithADsnToTheSender() throws Exception {
        try (SmtpSink refusing = SmtpSink.start("-f", "rcpt");
                SmtpSink senders = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("hard");
            String senderDomain = Gateway.uniqueDomain("sender");
            api.addDomain(domain, refusing.port());
            api.addDomain(senderDomain, senders.port());
            String sender = "alice@" + senderDomain;
            String bodyText = "body-" + UUID.randomUUID();
            String messageId = send(sender, "bob@" + domain, "hard refusal", "--body", bodyText);

            assertThat(
                            api.awaitLog(
                                    Api.allWithStatus(1, "BOUNCED"),
                                    LOG_WAIT,
                                    "messageId",
                                    messageId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("BOUNCED"));
            List<String> dsns = senders.awaitMessages(1, DELIVERY);
            assertThat(dsns).hasSize(1);
            String dsn = dsns.get(0);
            assertThat(dsn)
                    .contains("X-Mail-Args: <>")
                    .contains("X-Rcpt-Args: <" + sender + ">")
                    .contains("MAILER-DAEMON@mx.filtermx.test")
                    .containsPattern(
                            "(?i)Content-Type: multipart/report;[\\s\\S]*report-type=\"?delivery-status")
                    .contains("Action: failed")
                    .containsPattern("Status: 5\\.\\d+\\.\\d+")
                    .containsPattern(
                            "Final-Recipient: (?i)rfc822; ?bob@" + domain.replace(".", "\\."))
                    .contains(messageId);
            // RFC 6522 section 4: the original header section only, never the sender's text.
            assertThat(dsn)
                    .contains("Content-Type: text/rfc822-headers")
                    .contains("Subject: hard refusal")
                    .doesNotContain(bodyText);
            assertThat(refusing.messages()).isEmpty();
            assertThat(senders.messagesAfter(Duration.ofSeconds(1)))
                    .as("exactly one DSN")
                    .hasSize(1);
        }
    }

    @Test
    void aBounceOfSpamScoredMailSendsNoDsn() throws Exception {
        try (SmtpSink refusing = SmtpSink.start("-f", "rcpt");
                SmtpSink senders = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("spambounce");
            String senderDomain = Gateway.uniqueDomain("forged");
            api.addDomain(domain, refusing.port());
            api.addDomain(senderDomain, senders.port());
            String sender = "victim@" + senderDomain;
            // Allow-listed, so the spam is passed on and then refused by the destination.
            assertThat(
                            api.post(
                                            "/lists",
                                            "{\"owner\":\""
                                                    + domain
                                                    + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\""
                                                    + sender
                                                    + "\"}")
                                    .status())
                    .isEqualTo(201);
            String messageId = send(sender, "bob@" + domain, "Cheap", "--body", FilteringIT.GTUBE);

            List<Map<String, Object>> entries =
                    api.awaitLog(Api.allWithStatus(1, "BOUNCED"), LOG_WAIT, "messageId", messageId);
            assertThat(entries)
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("BOUNCED"));
            assertThat(details(api.logEntry(entries.get(0).get("id"))))
                    .anySatisfy(
                            d ->
                                    assertThat(d)
                                            .startsWith("no DSN to " + sender)
                                            .contains("scored as spam"))
                    .noneMatch(d -> d.startsWith("DSN "));
            assertThat(senders.messagesAfter(Duration.ofSeconds(2))).as("no backscatter").isEmpty();
        }
    }

    @Test
    void aBounceOfAMessageFromTheNullSenderSendsNoDsn() throws Exception {
        try (SmtpSink refusing = SmtpSink.start("-f", "rcpt")) {
            String domain = Gateway.uniqueDomain("nullsender");
            api.addDomain(domain, refusing.port());
            String messageId = UUID.randomUUID() + "@retry.test";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "",
                                        List.of("bob@" + domain),
                                        SmtpConversation.message(
                                                "MAILER-DAEMON@elsewhere.example",
                                                "bob@" + domain,
                                                messageId,
                                                "a bounce")))
                        .startsWith("250 2.0.0");
            }
            List<Map<String, Object>> entries =
                    api.awaitLog(Api.allWithStatus(1, "BOUNCED"), LOG_WAIT, "messageId", messageId);
            assertThat(entries)
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("BOUNCED"));
            // A DSN would be queued in the same transaction as the bounce, so it would show now.
            assertThat(api.log("domain", domain)).as("no DSN queued").hasSize(1);
            assertThat(details(api.logEntry(entries.get(0).get("id"))))
                    .noneMatch(d -> d.startsWith("DSN "));
        }
    }

    /** Sends one message with swaks; returns its Message-ID (without brackets). */
    private static String send(String from, String to, String subject, String... extra)
            throws Exception {
        String messageId = UUID.randomUUID() + "@retry.test";
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "--header",
                                "Message-Id: <" + messageId + ">",
                                "--header",
                                "Subject: " + subject));
        args.addAll(List.of(extra));
        Swaks.send(from, to, args.toArray(String[]::new)).assertAccepted();
        return messageId;
    }

    /** The detail texts of a log entry's history. */
    @SuppressWarnings("unchecked")
    private static List<String> details(Map<String, Object> entry) {
        return ((List<Map<String, Object>>) entry.get("history"))
                .stream().map(e -> String.valueOf(e.get("detail"))).toList();
    }
}
