package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The submission listeners of the deployed gateway over real sockets: 587 with STARTTLS and 465
 * with implicit TLS (RFC 6409, RFC 8314), AUTH offered only inside TLS (RFC 4954), and the inbound
 * port without AUTH at all. The tests connect from 127.0.0.1 with the loopback exception off, as
 * {@code scripts/it-env.sh} configures the gateway.
 */
@GatewayTest
@RunAsClient
class SubmissionListenerIT {

    @Test
    void port587InClearOffersStartTlsButNoAuth() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.submission()) {
            String ehlo = smtp.hello();

            assertThat(ehlo).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(smtp.command("AUTH PLAIN " + SmtpConversation.base64("\0u\0p")))
                    .isEqualTo(
                            "538 5.7.11 Encryption required for requested authentication"
                                    + " mechanism");
        }
    }

    @Test
    void port587OffersAuthPlainAndLoginAfterStartTls() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(smtp.lastEhlo()).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
        }
    }

    @Test
    void mailBeforeAuthIsRefusedWith530() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.command("MAIL FROM:<someone@customer.example>"))
                    .startsWith("530 5.7.0");
            assertThat(smtp.command("RCPT TO:<anyone@elsewhere.example>")).startsWith("503 5.5.1");
        }
    }

    @Test
    void wrongCredentialsAreRefusedWith535ForPlainAndLogin() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("nobody@customer.example", "not-the-password"))
                    .startsWith("535 5.7.8");
            assertThat(smtp.authLogin("nobody@customer.example", "not-the-password"))
                    .startsWith("535 5.7.8");
            assertThat(smtp.command("MAIL FROM:<nobody@customer.example>")).startsWith("530 5.7.0");
        }
    }

    @Test
    void port465SpeaksSmtpInsideTlsFromTheFirstByte() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.submissions()) {
            assertThat(smtp.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
            String ehlo = smtp.hello();

            assertThat(ehlo).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(smtp.authPlain("nobody@customer.example", "not-the-password"))
                    .startsWith("535 5.7.8");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
    }

    @Test
    void inboundPortNeverOffersAuthEvenOverTls() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            assertThat(smtp.hello()).doesNotContain("AUTH");
            assertThat(smtp.command("STARTTLS")).startsWith("220");
            smtp.startTls();
            assertThat(smtp.command("EHLO client.example")).doesNotContain("AUTH");
            assertThat(smtp.authPlain("nobody@customer.example", "not-the-password"))
                    .isEqualTo("503 5.5.1 Error: authentication not enabled");
        }
    }

    @Test
    void swaksWithStartTlsAndBadCredentialsSees535() throws Exception {
        Swaks.Result result =
                Swaks.sendTo(
                        Gateway.SUBMISSION_PORT,
                        "nobody@customer.example",
                        "anyone@elsewhere.example",
                        "--tls",
                        "--auth",
                        "PLAIN",
                        "--auth-user",
                        "nobody@customer.example",
                        "--auth-password",
                        "not-the-password");

        assertThat(result.transcript())
                .contains("TLS started")
                .containsPattern("(?m)^<~\\*? *535 5\\.7\\.8 ");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void swaksOverImplicitTlsSeesAuthOffered() throws Exception {
        Swaks.Result result =
                Swaks.sendTo(
                        Gateway.SUBMISSIONS_PORT,
                        "nobody@customer.example",
                        "anyone@elsewhere.example",
                        "--tls-on-connect",
                        "--quit-after",
                        "EHLO");

        assertThat(result.transcript()).contains("TLS started").contains("AUTH PLAIN LOGIN");
        assertThat(result.exitCode()).isZero();
    }

    /** The helper other tests submit with stops at the first refusal and says which it was. */
    @Test
    void submissionStopsAtTheFirstRefusalOnEitherPort() throws Exception {
        String message =
                SmtpConversation.message(
                        "someone@customer.example",
                        "anyone@elsewhere.example",
                        "submission-probe@customer.example",
                        "probe");
        Submission.Result anonymous =
                Submission.send(
                        Submission.Port.STARTTLS,
                        Submission.Auth.NONE,
                        null,
                        null,
                        "someone@customer.example",
                        List.of("anyone@elsewhere.example"),
                        message);
        Submission.Result wrongLogin =
                Submission.send(
                        Submission.Port.IMPLICIT_TLS,
                        Submission.Auth.LOGIN,
                        "nobody@customer.example",
                        "not-the-password",
                        "nobody@customer.example",
                        List.of("anyone@elsewhere.example"),
                        message);

        assertThat(anonymous.accepted()).isFalse();
        assertThat(anonymous.last()).startsWith("530 5.7.0");
        assertThat(anonymous.replies()).hasSize(1);
        assertThat(wrongLogin.last()).startsWith("535 5.7.8");
    }
}
