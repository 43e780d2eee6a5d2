package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * A 250 at the end of data is a promise (RFC 5321 section 6.1): a message the gateway answered 250
 * survives a crash right after it, and one it never answered leaves nothing behind.
 *
 * <p>It kills and restarts the server, through Arquillian, and leaves it healthy before it ends.
 */
@GatewayTest
@RunAsClient
class DurabilityIT {

    private static final int MESSAGES = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: <([^>]+)>");

    private final Api api = Gateway.admin();

    @Test
    void everyAcceptedMessageIsDeliveredAfterACrash() throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("durable");
        api.addDomain(domain, port);
        String rcpt = "bob@" + domain;
        List<String> sent = new ArrayList<>();
        try {
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                for (int i = 0; i < MESSAGES; i++) {
                    String id = "durable-" + i + "-" + UUID.randomUUID() + "@durability.test";
                    String reply =
                            smtp.transaction(
                                    "alice@sender.example",
                                    List.of(rcpt),
                                    SmtpConversation.message(
                                            "alice@sender.example", rcpt, id, "durable " + i));
                    assertThat(reply).as("end of data of message %d", i).startsWith("250 2.0.0");
                    sent.add(id);
                }
                // The power cut comes right after the last 250, before anything else happens.
                Gateway.crash();
            }
        } finally {
            // Also when sending failed: the next tests need a running gateway.
            Gateway.restart();
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(90)))
                    .as("gateway up again")
                    .isTrue();
        }

        try (SmtpSink sink = SmtpSink.startOn(port)) {
            List<String> got = sink.awaitMessages(MESSAGES, Duration.ofSeconds(60));
            Map<String, Long> deliveries =
                    got.stream()
                            .map(DurabilityIT::messageId)
                            .collect(
                                    Collectors.groupingBy(
                                            Function.identity(), Collectors.counting()));
            assertThat(deliveries.keySet())
                    .as("every accepted message delivered")
                    .containsAll(sent);
            // With the destination down during the crash nothing was in flight, so a second copy
            // could only come from the restart handing a message out twice.
            assertThat(sink.messagesAfter(Duration.ofSeconds(3)))
                    .as("deliveries")
                    .hasSize(MESSAGES);
            assertThat(deliveries)
                    .as("duplicates")
                    .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        }
        assertThat(
                        api.awaitLog(
                                Api.allWithStatus(MESSAGES, "DELIVERED"),
                                Duration.ofSeconds(20),
                                "domain",
                                domain))
                .hasSize(MESSAGES)
                .allSatisfy(e -> assertThat(e.get("status")).isEqualTo("DELIVERED"));
    }

    @Test
    void aClientThatDisconnectsMidDataLeavesNoTrace() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("middata");
            api.addDomain(domain, sink.port());
            String rcpt = "bob@" + domain;
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String resetSender = "reset-" + tag + "@sender.example";
            String closeSender = "close-" + tag + "@sender.example";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                startData(smtp, resetSender, rcpt);
                smtp.send("From: " + resetSender + "\r\nSubject: cut short\r\n\r\nHalf a");
                smtp.abort();
            }
            try (SmtpConversation smtp = SmtpConversation.open()) {
                startData(smtp, closeSender, rcpt);
                // Ends the line but not the data: the end of data never comes.
                smtp.send("From: " + closeSender + "\r\nSubject: cut short\r\n\r\nHalf a line\r\n");
            }
            String cleanId = UUID.randomUUID() + "@durability.test";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "carol@sender.example",
                                        List.of(rcpt),
                                        SmtpConversation.message(
                                                "carol@sender.example", rcpt, cleanId, "whole")))
                        .startsWith("250 2.0.0");
            }
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(sink.messagesAfter(Duration.ofSeconds(2)))
                    .singleElement()
                    .asString()
                    .contains("Message-ID: <" + cleanId + ">");
            assertThat(api.log("sender", resetSender)).isEmpty();
            assertThat(api.log("sender", closeSender)).isEmpty();
            assertThat(api.log("domain", domain)).hasSize(1);
        }
    }

    private static void startData(SmtpConversation smtp, String from, String rcpt)
            throws Exception {
        smtp.hello();
        assertThat(smtp.command("MAIL FROM:<" + from + ">")).startsWith("250");
        assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
        assertThat(smtp.command("DATA")).startsWith("354");
    }

    private static String messageId(String dump) {
        Matcher m = MESSAGE_ID.matcher(dump);
        return m.find() ? m.group(1) : "(no Message-ID)";
    }
}
