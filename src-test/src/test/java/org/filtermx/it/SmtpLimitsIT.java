package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound listener's limits and its answers to protocol errors: each refusal has the documented
 * code, and the session (or the other sessions) go on working after it.
 */
@GatewayTest
@RunAsClient
class SmtpLimitsIT {

    private static final int PER_IP_LIMIT = 10;
    private static final String TOO_MANY_CONNECTIONS =
            "421 Too many concurrent SMTP connections from this IP address; please try again later.";

    private final Api api = Gateway.admin();
    private SmtpSink sink;
    private String domain;

    @BeforeEach
    void hostADomain() throws Exception {
        sink = SmtpSink.start();
        domain = Gateway.uniqueDomain("limits");
        api.addDomain(domain, sink.port());
    }

    @AfterEach
    void stopSink() throws Exception {
        sink.close();
    }

    @Test
    void theEleventhConnectionFromOneAddressIsRefusedAndTheTenOthersKeepWorking() throws Exception {
        List<SmtpConversation> open = openTenGreetedConnections();
        try {
            try (SmtpConversation eleventh = SmtpConversation.open()) {
                assertThat(eleventh.line()).isEqualTo(TOO_MANY_CONNECTIONS);
                assertThat(eleventh.closedByServer()).as("closed after the 421").isTrue();
            }
            for (SmtpConversation smtp : open) {
                assertThat(smtp.command("EHLO client.example")).startsWith("250-");
                assertThat(smtp.command("NOOP")).startsWith("250");
            }
            String rcpt = "bob@" + domain;
            assertThat(
                            open.get(9)
                                    .transaction(
                                            "alice@sender.example",
                                            List.of(rcpt),
                                            SmtpConversation.message(
                                                    "alice@sender.example",
                                                    rcpt,
                                                    UUID.randomUUID() + "@limits",
                                                    "ten")))
                    .startsWith("250 2.0.0");
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(20))).hasSize(1);
            // A closed connection frees its slot.
            try (SmtpConversation first = open.remove(0)) {
                first.command("QUIT");
            }
            assertThat(greetingOfANewConnection())
                    .startsWith("220 mx.filtermx.test ESMTP FilterMX");
        } finally {
            for (SmtpConversation smtp : open) {
                smtp.close();
            }
        }
    }

    @Test
    void anOversizedMessageGets552AndTheSessionGoesOn() throws Exception {
        String rcpt = "big@" + domain;
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.sendBytes(messageOfExactly(Gateway.MESSAGE_SIZE_LIMIT + 1000, rcpt));
            smtp.send(".\r\n");
            assertThat(smtp.reply()).startsWith("552 5.3.4 ");
            assertThat(smtp.command("RSET")).startsWith("250");
            // RFC 1870: a declared size over the limit is refused at MAIL already.
            assertThat(
                            smtp.command(
                                    "MAIL FROM:<alice@sender.example> SIZE="
                                            + (Gateway.MESSAGE_SIZE_LIMIT + 1)))
                    .startsWith("552 5.3.4");
            String small =
                    SmtpConversation.message(
                            "alice@sender.example", rcpt, UUID.randomUUID() + "@limits", "small");
            assertThat(smtp.transaction("alice@sender.example", List.of(rcpt), small))
                    .startsWith("250 2.0.0");
        }
        List<String> got = sink.awaitMessages(1, Duration.ofSeconds(20));
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).contains("Subject: small");
        assertThat(sink.messagesAfter(Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void aMessageOfExactlyTheLimitIsAccepted() throws Exception {
        String rcpt = "fits@" + domain;
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(
                            smtp.command(
                                    "MAIL FROM:<alice@sender.example> SIZE="
                                            + Gateway.MESSAGE_SIZE_LIMIT))
                    .startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.sendBytes(messageOfExactly(Gateway.MESSAGE_SIZE_LIMIT, rcpt));
            smtp.send(".\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        assertThat(sink.awaitMessages(1, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void aCommandLineOverTheLimitGets500AndTheSessionGoesOn() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            // Postfix line_length_limit: 2048 octets without the CRLF are fine, one more is not.
            assertThat(smtp.command("NOOP " + "x".repeat(2048 - 5))).startsWith("250");
            assertThat(smtp.command("NOOP " + "x".repeat(2048 - 4))).startsWith("500 5.5.2");
            assertThat(smtp.command("NOOP " + "x".repeat(100_000))).startsWith("500 5.5.2");
            assertThat(smtp.command("NOOP")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
        }
    }

    @Test
    void commandsOutOfSequenceGet503() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("503 5.5.1");
            assertThat(smtp.command("EHLO client.example")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob@" + domain + ">")).startsWith("503 5.5.1");
            assertThat(smtp.command("DATA")).startsWith("503 5.5.1");
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("503 5.5.1");
            assertThat(smtp.command("DATA")).startsWith("503 5.5.1");
        }
    }

    @Test
    void malformedCommandsGet501() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("EHLO")).startsWith("501 5.5.4");
            assertThat(smtp.command("EHLO client.example")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:alice@sender.example")).startsWith("501");
            assertThat(smtp.command("MAIL FROM:<alice@@sender.example>")).startsWith("501 5.1.7");
            assertThat(smtp.command("MAIL TO:<alice@sender.example>")).startsWith("501");
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob smith@" + domain + ">")).startsWith("501 5.1.3");
            assertThat(smtp.command("RCPT TO:bob@" + domain)).startsWith("501");
            assertThat(smtp.command("RCPT TO:<bob@" + domain + ">")).startsWith("250");
            assertThat(smtp.command("DATA now")).startsWith("501");
        }
    }

    @Test
    void unknownCommandsGet500() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.command("XYZZY")).startsWith("500 5.5.2");
            assertThat(smtp.command("MAILFROM:<alice@sender.example>")).startsWith("500 5.5.2");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void aCommandWithABareLineFeedIsRefused() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            smtp.send("NOOP\n");
            assertThat(smtp.reply()).startsWith("500 5.5.2");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void aClientThatKeepsMakingErrorsIsDisconnected() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            int refused = 0;
            String reply = smtp.command("XYZZY");
            while (reply != null && reply.startsWith("500") && refused < 100) {
                refused++;
                smtp.send("XYZZY\r\n");
                reply = smtp.reply();
            }
            // Postfix smtpd_hard_error_limit: the 20th error ends the session.
            assertThat(refused).isEqualTo(20);
            assertThat(reply).startsWith("421 4.7.0 ");
            assertThat(smtp.closedByServer()).isTrue();
        }
    }

    /**
     * Ten connections that each got the greeting. A connection a previous test closed may not be
     * released yet, so this retries until ten fit under the limit.
     */
    private static List<SmtpConversation> openTenGreetedConnections() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<SmtpConversation> open = new ArrayList<>();
            boolean allGreeted = true;
            for (int i = 0; i < PER_IP_LIMIT && allGreeted; i++) {
                SmtpConversation smtp = SmtpConversation.open();
                open.add(smtp);
                String greeting = smtp.reply();
                allGreeted = greeting != null && greeting.startsWith("220 ");
            }
            if (allGreeted) {
                return open;
            }
            for (SmtpConversation smtp : open) {
                smtp.close();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not open " + PER_IP_LIMIT + " connections at once");
            }
            Thread.sleep(500);
        }
    }

    private static String greetingOfANewConnection() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (SmtpConversation smtp = SmtpConversation.open()) {
                String greeting = smtp.reply();
                if (greeting.startsWith("220") || System.nanoTime() > deadline) {
                    smtp.command("QUIT");
                    return greeting;
                }
            }
            Thread.sleep(200);
        }
    }

    /** A dot-safe message of exactly {@code size} octets (CRLF line ends). */
    private static byte[] messageOfExactly(int size, String to) {
        StringBuilder sb = new StringBuilder(size);
        sb.append("From: alice@sender.example\r\nTo: ")
                .append(to)
                .append("\r\nSubject: big\r\n")
                .append("Date: ")
                .append(
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                java.time.ZonedDateTime.now()))
                .append("\r\nMessage-ID: <")
                .append(UUID.randomUUID())
                .append("@limits>\r\n\r\n");
        String line = "x".repeat(78) + "\r\n";
        while (sb.length() + line.length() <= size) {
            sb.append(line);
        }
        int rest = size - sb.length();
        if (rest > 0) {
            // One short last line; with fewer than 3 octets left, lengthen the header instead.
            if (rest < 3) {
                sb.insert(sb.indexOf("\r\n\r\n"), "y".repeat(rest));
            } else {
                sb.append("z".repeat(rest - 2)).append("\r\n");
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != size) {
            throw new IllegalArgumentException("built " + bytes.length + " octets, not " + size);
        }
        return bytes;
    }
}
