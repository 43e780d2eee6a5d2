package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** STARTTLS on the inbound port (RFC 3207), including the plaintext command injection defence. */
@GatewayTest
@RunAsClient
class StartTlsIT {

    private final Api api = Gateway.admin();
    private SmtpSink sink;
    private String domain;

    @BeforeEach
    void hostADomain() throws Exception {
        sink = SmtpSink.start();
        domain = Gateway.uniqueDomain("tls");
        api.addDomain(domain, sink.port());
    }

    @AfterEach
    void stopSink() throws Exception {
        sink.close();
    }

    @Test
    void swaksDeliversOverStartTls() throws Exception {
        Swaks.Result result = Swaks.send("alice@sender.example", "bob@" + domain, "--tls");
        assertThat(result.transcript()).contains("TLS started");
        result.assertAccepted();
        List<String> got = sink.awaitMessages(1, Duration.ofSeconds(20));
        assertThat(got)
                .singleElement()
                .asString()
                .contains("X-Rcpt-Args: <bob@" + domain + ">")
                .contains("(FilterMX) with ESMTPS")
                .contains("(using TLS");
    }

    /**
     * CVE-2011-0411: a command pipelined behind STARTTLS in the same packet was sent in clear text,
     * so a man in the middle could have put it there; it must be dropped, never answered inside the
     * TLS session.
     */
    @Test
    void commandsPipelinedBehindStartTlsAreDiscarded() throws Exception {
        String rcpt = "bob@" + domain;
        try (SmtpConversation smtp = SmtpConversation.open()) {
            assertThat(smtp.hello()).contains("STARTTLS");
            smtp.send("STARTTLS\r\nRSET\r\nMAIL FROM:<injected@evil.example>\r\n");
            assertThat(smtp.reply()).startsWith("220 2.0.0");
            smtp.startTls();
            assertThat(smtp.tlsProtocol()).startsWith("TLSv1.");
            // Had RSET or MAIL run, their replies would come before the one to EHLO.
            String ehlo = smtp.command("EHLO client.example");
            assertThat(ehlo).startsWith("250-mx.filtermx.test").doesNotContain("STARTTLS");
            // The injected MAIL did not open a transaction either.
            assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("503 5.5.1");
            assertThat(smtp.command("STARTTLS")).startsWith("503 5.5.1");
            assertThat(
                            smtp.transaction(
                                    "alice@sender.example",
                                    List.of(rcpt),
                                    SmtpConversation.message(
                                            "alice@sender.example",
                                            rcpt,
                                            UUID.randomUUID() + "@tls",
                                            "inside TLS")))
                    .startsWith("250 2.0.0");
        }
        List<String> got = sink.awaitMessages(1, Duration.ofSeconds(20));
        assertThat(got)
                .singleElement()
                .asString()
                .contains("X-Mail-Args: <alice@sender.example>")
                .contains("with ESMTPS");
        assertThat(api.log("sender", "injected@evil.example")).isEmpty();
    }

    @Test
    void startTlsInsideATransactionIsRefused() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.start("alice@sender.example");
            assertThat(smtp.command("STARTTLS")).startsWith("503 5.5.1");
            assertThat(smtp.command("RCPT TO:<bob@" + domain + ">")).startsWith("250");
        }
    }
}
