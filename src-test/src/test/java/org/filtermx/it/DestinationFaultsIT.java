package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The destination misbehaving after the final dot, where a message is most at risk (RFC 5321
 * section 6.1: the sender keeps responsibility until it has the reply). Postfix's {@code smtp-sink}
 * plays the destination: {@code -q .} hangs up without replying, {@code -Q .} answers 421 and hangs
 * up, {@code -r .} answers 4xx, {@code -f .} 5xx. Each 4xx-like outcome is retried until a working
 * destination accepts it, once; the 5xx bounces with one DSN.
 */
@GatewayTest
@RunAsClient
class DestinationFaultsIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(20);
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private final Api api = Gateway.admin();

    @Test
    void aHangUpAfterTheFinalDotIsRetried() throws Exception {
        retriedAfter("-q", "hangup");
    }

    @Test
    void a421AfterTheFinalDotIsRetried() throws Exception {
        retriedAfter("-Q", "421");
    }

    @Test
    void a4xxAfterTheFinalDotIsRetried() throws Exception {
        retriedAfter("-r", "4xx");
    }

    /**
     * Sends while the destination fails the end of data in the given way, checks the attempt was
     * logged and the message is still queued, then lets a working destination take it.
     */
    private void retriedAfter(String sinkOption, String label) throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("dot-" + label.toLowerCase());
        api.addDomain(domain, port);
        String messageId;
        try (SmtpSink failing = SmtpSink.startOn(port, sinkOption, ".")) {
            messageId = send("alice@sender.example", "bob@" + domain, "after the dot: " + label);
            List<Map<String, Object>> deferred = List.of();
            long deadline = System.nanoTime() + LOG_WAIT.toNanos();
            int attempts = 0;
            while (attempts < 2 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                deferred = api.log("messageId", messageId);
                attempts =
                        deferred.isEmpty()
                                ? 0
                                : (int)
                                        history(deferred.get(0)).stream()
                                                .filter(e -> "DEFERRED".equals(e.get("status")))
                                                .count();
            }
            assertThat(attempts).as("deferred attempts after " + label).isGreaterThanOrEqualTo(2);
            assertThat(deferred.get(0)).containsEntry("status", "DEFERRED");
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
            assertThat(sink.messagesAfter(Duration.ofSeconds(5))).as("delivered once").hasSize(1);
        }
    }

    @Test
    void a5xxAfterTheFinalDotBouncesWithOneDsn() throws Exception {
        try (SmtpSink refusing = SmtpSink.start("-f", ".");
                SmtpSink senders = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("dot-5xx");
            String senderDomain = Gateway.uniqueDomain("dot-sender");
            api.addDomain(domain, refusing.port());
            api.addDomain(senderDomain, senders.port());
            String messageId =
                    send("alice@" + senderDomain, "bob@" + domain, "refused after the dot");
            assertThat(
                            api.awaitLog(
                                    Api.allWithStatus(1, "BOUNCED"),
                                    LOG_WAIT,
                                    "messageId",
                                    messageId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("status")).isEqualTo("BOUNCED"));
            List<String> dsns = senders.awaitMessages(1, DELIVERY);
            assertThat(dsns)
                    .singleElement()
                    .asString()
                    .contains("Action: failed")
                    .contains(messageId);
            assertThat(senders.messagesAfter(Duration.ofSeconds(3)))
                    .as("exactly one DSN")
                    .hasSize(1);
            assertThat(history(api.log("messageId", messageId).get(0)))
                    .filteredOn(e -> "DEFERRED".equals(e.get("status")))
                    .as("never retried")
                    .isEmpty();
        }
    }

    private String send(String from, String to, String subject) throws Exception {
        String messageId = UUID.randomUUID() + "@faults.test";
        Swaks.send(
                        from,
                        to,
                        "--header",
                        "Message-Id: <" + messageId + ">",
                        "--header",
                        "Subject: " + subject)
                .assertAccepted();
        return messageId;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(Map<String, Object> entry) {
        return (List<Map<String, Object>>) api.logEntry(entry.get("id")).get("history");
    }
}
