package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.smtp.server.ServerFixture.eventually;

import java.nio.file.Path;
import org.filtermx.smtp.server.RecordingListener.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpServerTest {

    @TempDir Path directory;
    private ServerFixture fixture;

    @BeforeEach
    void startServer() throws Exception {
        fixture = ServerFixture.start(directory);
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    void greetsAndAdvertisesExtensionsOnEhlo() throws Exception {
        try (SmtpTestClient client = fixture.connect()) {
            assertThat(client.reply()).isEqualTo("220 mx.test ESMTP FilterMX");
            assertThat(client.command("EHLO client.test"))
                    .isEqualTo(
                            String.join(
                                    "\n",
                                    "250-mx.test",
                                    "250-PIPELINING",
                                    "250-SIZE 10000",
                                    "250-8BITMIME",
                                    "250-ENHANCEDSTATUSCODES",
                                    "250 STARTTLS"));
            assertThat(client.command("HELO client.test")).isEqualTo("250 mx.test");
            assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 Bye");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void deliversExactDotUnstuffedBytesToTheListener() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("MAIL FROM:<sender@example.org> BODY=8BITMIME"))
                    .isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@alias.test>"))
                    .isEqualTo("250 2.1.5 Recipient ok");
            assertThat(client.command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>");
            client.send("Subject: test\r\n\r\n..dot line\r\nplain\r\n.\r\n");

            assertThat(client.reply()).startsWith("250 2.0.0 Ok: queued as ");
        }
        assertThat(fixture.listener.deliveries).hasSize(1);
        Delivery delivery = fixture.listener.deliveries.get(0);
        assertThat(delivery.content()).isEqualTo("Subject: test\r\n\r\n.dot line\r\nplain\r\n");
        assertThat(delivery.envelope().reversePath()).isEqualTo("sender@example.org");
        assertThat(delivery.envelope().recipients()).containsExactly("bob@main.test");
        assertThat(delivery.envelope().bodyType()).isEqualTo("8BITMIME");
        assertThat(delivery.envelope().transactionId()).endsWith(".1");
        assertThat(delivery.session().clientAddress()).isEqualTo("127.0.0.1");
        assertThat(delivery.session().heloName()).isEqualTo("client.test");
        assertThat(fixture.tempFiles()).isEmpty();
    }

    @Test
    void answersPipelinedCommandsInOrder() throws Exception {
        fixture.listener.delayMillis = 20;
        try (SmtpTestClient client = fixture.greeted()) {
            client.send(
                    "MAIL FROM:<>\r\nRCPT TO:<a@main.test>\r\nRCPT TO:<x@else.where>\r\n"
                            + "RCPT TO:<b@main.test>\r\nNOOP\r\nDATA\r\n");

            assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.reply()).isEqualTo("250 2.1.5 Recipient ok");
            assertThat(client.reply()).isEqualTo("550 5.7.1 Relay not permitted!");
            assertThat(client.reply()).isEqualTo("250 2.1.5 Recipient ok");
            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok");
            assertThat(client.reply()).startsWith("354 ");
            client.send("Subject: p\r\n\r\nx\r\n.\r\nMAIL FROM:<c@d.e>\r\nQUIT\r\n");
            assertThat(client.reply()).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.reply()).isEqualTo("221 2.0.0 Bye");
        }
        assertThat(fixture.listener.deliveries.get(0).envelope().recipients())
                .containsExactly("a@main.test", "b@main.test");
        assertThat(fixture.listener.deliveries.get(0).envelope().nullSender()).isTrue();
    }

    @Test
    void refusesCommandsOutOfSequence() throws Exception {
        try (SmtpTestClient client = fixture.connect()) {
            client.reply();
            assertThat(client.command("MAIL FROM:<a@b.c>")).startsWith("503 5.5.1");
            client.command("EHLO client.test");
            assertThat(client.command("RCPT TO:<a@main.test>")).startsWith("503 5.5.1");
            assertThat(client.command("DATA")).startsWith("503 5.5.1");
            client.command("MAIL FROM:<a@b.c>");
            assertThat(client.command("MAIL FROM:<a@b.c>")).startsWith("503 5.5.1");
            assertThat(client.command("DATA")).startsWith("503 5.5.1");
            client.command("RCPT TO:<x@else.where>");
            assertThat(client.command("DATA")).startsWith("554 5.5.1");
        }
    }

    @Test
    void refusesUnknownCommandsAndBadSyntax() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("FROB")).startsWith("500 5.5.2");
            assertThat(client.command("MAIL FROM:<not an address>")).startsWith("501 5.1.7");
            assertThat(client.command("MAIL FROM:<a@b.c> X-FOO=1")).startsWith("555 5.5.4");
            client.command("MAIL FROM:<a@b.c>");
            assertThat(client.command("RCPT TO:<@@>")).startsWith("501 5.1.3");
            assertThat(client.command("VRFY bob")).startsWith("252 2.5.0");
            assertThat(client.command("HELP")).startsWith("214 2.0.0");
            client.send("NOOP\n");
            assertThat(client.reply()).startsWith("500 5.5.2");
            assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void refusesOverlongLineAndContinuesTheSession() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("NOOP " + "x".repeat(5000)))
                    .isEqualTo("500 5.5.2 Error: line too long");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void refusesOversizedMessageAndStaysUsable() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("MAIL FROM:<a@b.c> SIZE=20000")).startsWith("552 5.3.4");
            client.command("MAIL FROM:<a@b.c>");
            client.command("RCPT TO:<r@main.test>");
            client.command("DATA");
            client.send("Subject: big\r\n\r\n" + ("y".repeat(998) + "\r\n").repeat(12) + ".\r\n");

            assertThat(client.reply()).isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(client.command("MAIL FROM:<a@b.c>")).isEqualTo("250 2.1.0 Ok");
        }
        assertThat(fixture.listener.deliveries).isEmpty();
        assertThat(fixture.tempFiles()).isEmpty();
    }

    @Test
    void neverDeliversASmuggledMessage() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            client.command("MAIL FROM:<a@b.c>");
            client.command("RCPT TO:<r@main.test>");
            client.command("DATA");
            client.send(
                    "Subject: first\r\n\r\nhello\r\n\n.\r\nMAIL FROM:<x@y>\r\n"
                            + "RCPT TO:<a@b>\r\nDATA\r\nsmuggled\r\n.\r\n");

            assertThat(client.reply())
                    .isEqualTo("550 5.6.0 Bare CR or LF not allowed in message data");
            assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 Bye");
        }
        assertThat(fixture.listener.deliveries).isEmpty();
        assertThat(fixture.listener.recipientsAsked).containsExactly("r@main.test");
    }

    @Test
    void keepsNothingWhenTheClientDisconnectsMidData() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            client.command("MAIL FROM:<a@b.c>");
            client.command("RCPT TO:<r@main.test>");
            client.command("DATA");
            client.send("Subject: cut\r\n\r\npartial");
            eventually(() -> assertThat(fixture.tempFiles()).hasSize(1));
        }
        eventually(() -> assertThat(fixture.tempFiles()).isEmpty());
        assertThat(fixture.listener.deliveries).isEmpty();
    }

    @Test
    void answersTemporaryFailureWhenTheEndpointThrows() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            client.command("MAIL FROM:<a@b.c>");
            assertThat(client.command("RCPT TO:<boom@main.test>")).startsWith("451 4.3.0");
            client.command("RCPT TO:<r@main.test>");
            fixture.listener.failOnMessage = true;
            client.command("DATA");
            client.send("Subject: x\r\n\r\nx\r\n.\r\n");

            assertThat(client.reply()).startsWith("451 4.3.0");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
        assertThat(fixture.tempFiles()).isEmpty();
    }

    @Test
    void runsSeveralTransactionsInOneSession() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            for (int i = 1; i <= 3; i++) {
                client.command("MAIL FROM:<a@b.c>");
                client.command("RCPT TO:<r" + i + "@main.test>");
                client.command("DATA");
                client.send("Subject: " + i + "\r\n\r\nbody\r\n.\r\n");
                assertThat(client.reply()).endsWith("." + i);
            }
        }
        assertThat(fixture.listener.deliveries).hasSize(3);
    }
}
