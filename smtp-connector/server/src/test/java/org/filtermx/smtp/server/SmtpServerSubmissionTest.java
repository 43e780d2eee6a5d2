package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.smtp.server.ServerFixture.eventually;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submission listeners over real loopback sockets: 587 style with STARTTLS and 465 style with
 * implicit TLS, AUTH through the endpoint, the endpoint's answer at MAIL, and its close call.
 */
class SmtpServerSubmissionTest {

    @TempDir Path directory;
    private ServerFixture fixture;

    @AfterEach
    void stopServer() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ServerFixture start() throws Exception {
        fixture = ServerFixture.submission(directory, b -> b);
        return fixture;
    }

    private static String plain(String username, String password) {
        return "AUTH PLAIN "
                + Base64.getEncoder()
                        .encodeToString(
                                ("\0" + username + "\0" + password)
                                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Greeting, EHLO, STARTTLS, handshake, EHLO again; returns the second EHLO reply. */
    private static String startTls(SmtpTestClient client) throws Exception {
        assertThat(client.reply()).startsWith("220 ");
        assertThat(client.command("EHLO client.test")).contains("STARTTLS");
        assertThat(client.command("STARTTLS")).startsWith("220 2.0.0");
        client.startTlsHandshake();
        return client.command("EHLO client.test");
    }

    @Test
    void offersAuthOnlyAfterStartTls() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connect()) {
            assertThat(client.reply()).isEqualTo("220 mx.test ESMTP FilterMX");
            assertThat(client.command("EHLO client.test")).doesNotContain("AUTH");
            assertThat(client.command(plain("alice", "secret")))
                    .isEqualTo(
                            "538 5.7.11 Encryption required for requested authentication"
                                    + " mechanism");
            assertThat(client.command("STARTTLS")).startsWith("220");
            client.startTlsHandshake();

            assertThat(client.command("EHLO client.test")).contains("250 AUTH PLAIN LOGIN");
        }
        assertThat(fixture.listener.events("auth")).isEmpty();
    }

    @Test
    void authenticatesThroughTheEndpointAndDeliversAsTheIdentity() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connect()) {
            startTls(client);
            assertThat(client.command(plain("alice", "secret")))
                    .isEqualTo("235 2.7.0 Authentication successful");
            assertThat(client.command("MAIL FROM:<alice@customer.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@main.test>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.send("Subject: hi\r\n\r\nhello\r\n.\r\n");
            assertThat(client.reply()).startsWith("250 2.0.0 Ok: queued as");
        }
        RecordingListener.Delivery delivery = fixture.listener.deliveries.get(0);
        assertThat(delivery.session().authenticatedUser()).isEqualTo("alice@customer.test");
        assertThat(delivery.session().protocolKeyword()).isEqualTo("ESMTPSA");
        assertThat(fixture.listener.events("sender"))
                .singleElement()
                .asString()
                .endsWith("sender alice@customer.test as alice@customer.test");
    }

    @Test
    void passesTheEndpointsRefusalAtMailOnAsItIs() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connect()) {
            startTls(client);

            assertThat(client.command("MAIL FROM:<alice@customer.test>"))
                    .isEqualTo("530 5.7.0 Authentication required");
            assertThat(client.command("RCPT TO:<bob@main.test>"))
                    .isEqualTo("503 5.5.1 Error: need MAIL command");
        }
        assertThat(fixture.listener.recipientsAsked).isEmpty();
    }

    @Test
    void refusesWrongCredentialsAndAcceptsLogin() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connect()) {
            startTls(client);
            assertThat(client.command(plain("alice", "wrong")))
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
            assertThat(client.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(client.command("YWxpY2U=")).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(client.command("c2VjcmV0")).startsWith("235 2.7.0");
            assertThat(client.command(plain("alice", "secret"))).startsWith("503 5.5.1");
        }
        assertThat(fixture.listener.events("auth")).hasSize(2);
    }

    @Test
    void cancelsAndRefusesBrokenExchangesWithoutAskingTheEndpoint() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connect()) {
            startTls(client);
            assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(client.command("*")).startsWith("501 5.0.0");
            assertThat(client.command("AUTH PLAIN ???")).startsWith("501 5.5.2");
            assertThat(client.command("AUTH PLAIN " + "A".repeat(3000)))
                    .isEqualTo("500 5.5.2 Error: line too long");
            assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(client.command("A".repeat(3000)))
                    .isEqualTo("500 5.5.2 Error: line too long");
            // The refused line ended the exchange: NOOP (valid base64) is a command again.
            assertThat(client.command("NOOP")).startsWith("250");
        }
        assertThat(fixture.listener.events("auth")).isEmpty();
    }

    @Test
    void speaksSmtpInsideTlsFromTheFirstByteOnTheImplicitTlsListener() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connectImplicitTls()) {
            assertThat(client.reply()).isEqualTo("220 mx.test ESMTP FilterMX");
            assertThat(client.command("EHLO client.test"))
                    .contains("AUTH PLAIN LOGIN")
                    .doesNotContain("STARTTLS");
            assertThat(client.command(plain("alice", "secret"))).startsWith("235 2.7.0");
            assertThat(client.command("MAIL FROM:<alice@customer.test>")).startsWith("250");
        }
    }

    @Test
    void theImplicitTlsListenerSaysNothingInClear() throws Exception {
        start();
        try (SmtpTestClient client = new SmtpTestClient(fixture.implicitTlsAddress)) {
            client.send("EHLO client.test\r\n");

            assertThat(client.line()).isNull();
        }
    }

    /**
     * RFC 3207 section 4.2 and CVE-2011-0411: an AUTH pipelined behind STARTTLS was sent in clear
     * where anyone could have put it; it must never authenticate the TLS session, even where AUTH
     * in clear would be allowed.
     */
    @Test
    void neverRunsAnAuthPipelinedBehindStartTls() throws Exception {
        fixture = ServerFixture.submission(directory, b -> b.cleartextAuthOnLoopback(true));
        try (SmtpTestClient client = fixture.connect()) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.test")).contains("AUTH PLAIN LOGIN");
            client.send("STARTTLS\r\n" + plain("alice", "secret") + "\r\n");
            assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            client.startTlsHandshake();
            client.command("EHLO client.test");

            assertThat(client.command("MAIL FROM:<alice@customer.test>")).startsWith("530 5.7.0");
        }
        assertThat(fixture.listener.events("auth")).isEmpty();
    }

    @Test
    void allowsAuthInClearOnLoopbackWhenConfigured() throws Exception {
        fixture = ServerFixture.submission(directory, b -> b.cleartextAuthOnLoopback(true));
        try (SmtpTestClient client = fixture.connect()) {
            client.reply();
            assertThat(client.command("EHLO client.test")).contains("AUTH PLAIN LOGIN");
            assertThat(client.command(plain("alice", "secret"))).startsWith("235 2.7.0");
        }
    }

    @Test
    void tellsTheEndpointOnceWhenAConnectionCloses() throws Exception {
        start();
        try (SmtpTestClient client = fixture.connect()) {
            client.reply();
            assertThat(client.command("QUIT")).startsWith("221");
            assertThat(client.closedByServer()).isTrue();
        }
        try (SmtpTestClient client = fixture.connectImplicitTls()) {
            client.reply();
            client.command("EHLO client.test");
        } // dropped without QUIT
        eventually(() -> assertThat(fixture.listener.events("close")).hasSize(2));
        Thread.sleep(200);
        assertThat(fixture.listener.events("close")).hasSize(2).doesNotHaveDuplicates();
    }

    /** The endpoint hears of the close after the call it was making for the session, not during. */
    @Test
    void tellsTheEndpointOfACloseOnlyAfterItsPendingCall() throws Exception {
        start();
        fixture.listener.authDelayMillis = 500;
        try (SmtpTestClient client = fixture.connect()) {
            startTls(client);
            client.send(plain("alice", "secret") + "\r\n");
            eventually(() -> assertThat(fixture.listener.events("auth")).hasSize(1));
        } // closed while the endpoint checks the credentials
        eventually(() -> assertThat(fixture.listener.events("close")).hasSize(1));
        assertThat(fixture.listener.events)
                .extracting(e -> e.split(" ")[1])
                .containsExactly("auth", "close");
    }

    @Test
    void theInboundPortMakesNoSenderNorCloseCall() throws Exception {
        fixture = ServerFixture.start(directory);
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("MAIL FROM:<a@b.c>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("QUIT")).startsWith("221");
        }
        Thread.sleep(200);
        assertThat(fixture.listener.events).isEmpty();
    }

    @Test
    void limitsConnectionsPerClientOnTheSubmissionListeners() throws Exception {
        fixture = ServerFixture.submission(directory, b -> b.maxConnectionsPerIp(1));
        try (SmtpTestClient first = fixture.connect()) {
            assertThat(first.reply()).startsWith("220 ");
            try (SmtpTestClient second = fixture.connect()) {
                assertThat(second.reply()).startsWith("421 Too many concurrent SMTP connections");
            }
        }
        try (SmtpTestClient first = fixture.connectImplicitTls()) {
            assertThat(first.reply()).startsWith("220 ");
            // The refusal too is sent inside TLS, the only language a 465 client speaks.
            try (SmtpTestClient second = fixture.connectImplicitTls()) {
                assertThat(second.reply()).startsWith("421 Too many concurrent SMTP connections");
            }
        }
        // Both slots are given back: the refused connection's as well as the served one's.
        eventually(
                () -> {
                    try (SmtpTestClient again = fixture.connectImplicitTls()) {
                        assertThat(again.reply()).startsWith("220 ");
                    }
                });
    }
}
