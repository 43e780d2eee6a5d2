package org.filtermx.smtp.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.junit.jupiter.api.Test;

/** SMTP AUTH (RFC 4954) and the sender decision of the submission role, without a network. */
class SmtpProtocolAuthTest {

    private static SmtpProtocol protocol(Role role, String client, boolean clearOnLoopback) {
        SmtpServerSettings settings =
                SmtpServerSettings.builder()
                        .dataDirectory(Path.of("target/unused"))
                        .serverName("mx.test")
                        .cleartextAuthOnLoopback(clearOnLoopback)
                        .build();
        return new SmtpProtocol(settings, role, "SID", client, true, () -> Long.MAX_VALUE);
    }

    /** A submission session over TLS, past EHLO. */
    private static SmtpProtocol overTls() {
        SmtpProtocol protocol = protocol(Role.SUBMISSION, "192.0.2.1", false);
        protocol.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        protocol.handle("EHLO client.test");
        return protocol;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String line(Step step) {
        assertThat(step).isInstanceOf(Step.Respond.class);
        return ((Step.Respond) step).reply().line();
    }

    private static Step.Authenticate credentials(Step step) {
        assertThat(step).isInstanceOf(Step.Authenticate.class);
        return (Step.Authenticate) step;
    }

    private static java.util.List<String> ehlo(SmtpProtocol protocol) {
        return ((Step.RespondLines) protocol.handle("EHLO client.test")).lines();
    }

    @Test
    void offersAuthOnTheSubmissionPortOnlyOverTls() {
        SmtpProtocol protocol = protocol(Role.SUBMISSION, "192.0.2.1", false);
        assertThat(ehlo(protocol)).contains("STARTTLS").doesNotContain("AUTH PLAIN LOGIN");

        protocol.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");

        assertThat(ehlo(protocol)).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
    }

    @Test
    void refusesAuthInClearWith538() {
        SmtpProtocol protocol = protocol(Role.SUBMISSION, "192.0.2.1", false);
        protocol.handle("EHLO client.test");

        assertThat(line(protocol.handle("AUTH PLAIN " + b64("\0u\0p"))))
                .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
    }

    @Test
    void offersAuthInClearOnlyToLoopbackClientsWhenConfigured() {
        assertThat(ehlo(protocol(Role.SUBMISSION, "127.0.0.1", true))).contains("AUTH PLAIN LOGIN");
        assertThat(ehlo(protocol(Role.SUBMISSION, "0:0:0:0:0:0:0:1", true)))
                .contains("AUTH PLAIN LOGIN");
        assertThat(ehlo(protocol(Role.SUBMISSION, "192.0.2.1", true)))
                .doesNotContain("AUTH PLAIN LOGIN");
        assertThat(ehlo(protocol(Role.SUBMISSION, "127.0.0.1", false)))
                .doesNotContain("AUTH PLAIN LOGIN");

        SmtpProtocol loopback = protocol(Role.SUBMISSION, "127.0.0.1", true);
        loopback.handle("EHLO client.test");
        assertThat(credentials(loopback.handle("AUTH PLAIN " + b64("\0u\0p"))).username())
                .isEqualTo("u");
    }

    @Test
    void theInboundPortNeverOffersNorAcceptsAuth() {
        SmtpProtocol protocol = protocol(Role.INBOUND, "127.0.0.1", true);
        protocol.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");

        assertThat(ehlo(protocol)).doesNotContain("AUTH PLAIN LOGIN");
        assertThat(line(protocol.handle("AUTH PLAIN " + b64("\0u\0p"))))
                .isEqualTo("503 5.5.1 Error: authentication not enabled");
    }

    @Test
    void takesPlainCredentialsFromTheInitialResponse() {
        Step.Authenticate step =
                credentials(overTls().handle("AUTH PLAIN " + b64("\0alice@x.test\0s3cret é")));

        assertThat(step.username()).isEqualTo("alice@x.test");
        assertThat(step.password()).isEqualTo("s3cret é");
        assertThat(step.toString()).doesNotContain("s3cret");
    }

    @Test
    void asksForPlainCredentialsWithAnEmptyChallenge() {
        SmtpProtocol protocol = overTls();

        assertThat(line(protocol.handle("auth plain"))).isEqualTo("334 ");
        assertThat(credentials(protocol.handle(b64("\0alice\0pw"))).password()).isEqualTo("pw");
    }

    @Test
    void acceptsAnAuthorizationIdentityOnlyWhenItIsTheUserItself() {
        assertThat(
                        credentials(overTls().handle("AUTH PLAIN " + b64("alice\0alice\0pw")))
                                .username())
                .isEqualTo("alice");
        assertThat(line(overTls().handle("AUTH PLAIN " + b64("admin\0alice\0pw"))))
                .startsWith("535 5.7.8");
    }

    @Test
    void refusesMalformedPlainMessages() {
        assertThat(line(overTls().handle("AUTH PLAIN " + b64("alice:pw")))).startsWith("501 5.5.2");
        assertThat(line(overTls().handle("AUTH PLAIN " + b64("\0alice\0pw\0more"))))
                .startsWith("501 5.5.2");
        assertThat(line(overTls().handle("AUTH PLAIN " + b64("\0\0pw")))).startsWith("535 5.7.8");
        assertThat(line(overTls().handle("AUTH PLAIN " + b64("\0alice\0"))))
                .startsWith("535 5.7.8");
    }

    @Test
    void runsTheLoginExchange() {
        SmtpProtocol protocol = overTls();

        assertThat(line(protocol.handle("AUTH LOGIN"))).isEqualTo("334 VXNlcm5hbWU6");
        assertThat(line(protocol.handle(b64("alice")))).isEqualTo("334 UGFzc3dvcmQ6");
        Step.Authenticate step = credentials(protocol.handle(b64("pw")));

        assertThat(step.username()).isEqualTo("alice");
        assertThat(step.password()).isEqualTo("pw");
    }

    @Test
    void takesTheLoginUsernameAsInitialResponse() {
        SmtpProtocol protocol = overTls();

        assertThat(line(protocol.handle("AUTH LOGIN " + b64("alice"))))
                .isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(credentials(protocol.handle(b64("pw"))).username()).isEqualTo("alice");
    }

    /** RFC 4954 section 4: "=" is an empty initial response, not broken base64. */
    @Test
    void readsAnEqualsSignAsAnEmptyInitialResponse() {
        SmtpProtocol protocol = overTls();

        assertThat(line(protocol.handle("AUTH LOGIN ="))).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(line(protocol.handle(b64("pw")))).startsWith("535 5.7.8");
    }

    @Test
    void cancelsTheExchangeOnAnAsterisk() {
        SmtpProtocol protocol = overTls();
        protocol.handle("AUTH LOGIN");

        assertThat(line(protocol.handle("*"))).isEqualTo("501 5.0.0 Authentication aborted");
        assertThat(line(protocol.handle("NOOP"))).startsWith("250");
    }

    @Test
    void refusesResponsesThatAreNotBase64OrNotUtf8() {
        SmtpProtocol protocol = overTls();
        protocol.handle("AUTH PLAIN");

        assertThat(line(protocol.handle("not base64!")))
                .isEqualTo("501 5.5.2 Cannot decode response");
        assertThat(line(overTls().handle("AUTH PLAIN !!!!"))).startsWith("501 5.5.2");
        String latin1 =
                Base64.getEncoder()
                        .encodeToString("\0caf\u00e9\0pw".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(line(overTls().handle("AUTH PLAIN " + latin1))).startsWith("501 5.5.2");
    }

    @Test
    void refusesUnknownMechanismsAndMissingArguments() {
        assertThat(line(overTls().handle("AUTH CRAM-MD5"))).startsWith("504 5.5.4");
        assertThat(line(overTls().handle("AUTH"))).isEqualTo("501 5.5.4 Syntax: AUTH mechanism");
        assertThat(line(overTls().handle("AUTH PLAIN a b"))).startsWith("501 5.5.4");
    }

    @Test
    void needsEhloBeforeAuth() {
        SmtpProtocol protocol = protocol(Role.SUBMISSION, "192.0.2.1", false);
        protocol.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");

        assertThat(line(protocol.handle("AUTH PLAIN"))).startsWith("503 5.5.1");
    }

    @Test
    void recordsTheIdentityAndRefusesASecondAuth() {
        SmtpProtocol protocol = overTls();
        protocol.handle("AUTH PLAIN " + b64("\0alice\0pw"));

        Reply reply = protocol.authenticationDecided(AuthDecision.success("alice@x.test"));

        assertThat(reply.line()).isEqualTo("235 2.7.0 Authentication successful");
        assertThat(protocol.session().authenticatedUser()).isEqualTo("alice@x.test");
        assertThat(protocol.session().protocolKeyword()).isEqualTo("ESMTPSA");
        assertThat(line(protocol.handle("AUTH PLAIN " + b64("\0bob\0pw"))))
                .isEqualTo("503 5.5.1 Error: already authenticated");
    }

    @Test
    void aRefusedAuthLeavesTheSessionAnonymousAndMayBeRetried() {
        SmtpProtocol protocol = overTls();
        protocol.handle("AUTH PLAIN " + b64("\0alice\0wrong"));

        assertThat(protocol.authenticationDecided(AuthDecision.invalidCredentials()).line())
                .startsWith("535 5.7.8");
        assertThat(protocol.session().authenticatedUser()).isNull();
        assertThat(credentials(protocol.handle("AUTH PLAIN " + b64("\0alice\0right"))).password())
                .isEqualTo("right");
    }

    @Test
    void refusesAuthDuringATransaction() {
        SmtpProtocol protocol = overTls();
        assertThat(protocol.handle("MAIL FROM:<a@x.test>")).isInstanceOf(Step.AskSender.class);
        protocol.senderDecided(Reply.ok("Sender ok"));

        assertThat(line(protocol.handle("AUTH PLAIN " + b64("\0alice\0pw"))))
                .isEqualTo("503 5.5.1 Error: MAIL transaction in progress");
    }

    /** RFC 3207 section 4.2: what was learnt before the handshake is forgotten, AUTH included. */
    @Test
    void forgetsTheAuthenticationWhenTlsStarts() {
        SmtpProtocol protocol = protocol(Role.SUBMISSION, "127.0.0.1", true);
        protocol.handle("EHLO client.test");
        protocol.handle("AUTH PLAIN " + b64("\0alice\0pw"));
        protocol.authenticationDecided(AuthDecision.success("alice"));

        protocol.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");

        assertThat(protocol.session().authenticatedUser()).isNull();
    }

    @Test
    void asksTheSubmissionEndpointAboutTheSenderAndPassesARefusalOn() {
        SmtpProtocol protocol = overTls();
        Step step = protocol.handle("MAIL FROM:<a@x.test> SIZE=10");

        assertThat(step).isEqualTo(new Step.AskSender("a@x.test"));
        Reply refusal = Reply.of(530, "5.7.0", "Authentication required");
        assertThat(protocol.senderDecided(refusal)).isEqualTo(refusal);
        assertThat(line(protocol.handle("RCPT TO:<r@y.test>")))
                .isEqualTo("503 5.5.1 Error: need MAIL command");

        protocol.handle("MAIL FROM:<a@x.test>");
        assertThat(protocol.senderDecided(Reply.ok("fine")).line()).isEqualTo("250 2.1.0 Ok");
        assertThat(protocol.handle("RCPT TO:<r@y.test>")).isInstanceOf(Step.AskRecipient.class);
    }

    @Test
    void theInboundPortOpensTransactionsWithoutAskingAboutTheSender() {
        SmtpProtocol protocol = protocol(Role.INBOUND, "192.0.2.1", false);
        protocol.handle("EHLO client.test");

        assertThat(line(protocol.handle("MAIL FROM:<a@x.test>"))).isEqualTo("250 2.1.0 Ok");
    }
}
