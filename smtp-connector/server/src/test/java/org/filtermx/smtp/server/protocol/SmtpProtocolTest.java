package org.filtermx.smtp.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.junit.jupiter.api.Test;

class SmtpProtocolTest {

    private final SmtpServerSettings settings =
            SmtpServerSettings.builder()
                    .dataDirectory(Path.of("target/unused"))
                    .serverName("mx.test")
                    .messageSizeLimit(1000)
                    .recipientLimit(2)
                    .maxErrors(3)
                    .build();
    private final SmtpProtocol protocol =
            new SmtpProtocol(
                    settings, Role.INBOUND, "SID", "192.0.2.1", true, () -> Long.MAX_VALUE);

    private Reply reply(String line) {
        Step step = protocol.handle(line);
        assertThat(step).isInstanceOf(Step.Respond.class);
        return ((Step.Respond) step).reply();
    }

    private String code(String line) {
        Reply reply = reply(line);
        return reply.code() + " " + reply.enhancedCode();
    }

    @Test
    void advertisesExtensionsOnEhlo() {
        Step step = protocol.handle("EHLO client.test");

        assertThat(((Step.RespondLines) step).lines())
                .containsExactly(
                        "mx.test",
                        "PIPELINING",
                        "SIZE 1000",
                        "8BITMIME",
                        "ENHANCEDSTATUSCODES",
                        "STARTTLS");
    }

    @Test
    void refusesNewTransactionsTemporarilyWhenStorageRunsLow() {
        SmtpServerSettings reserve =
                SmtpServerSettings.builder()
                        .dataDirectory(Path.of("target/unused"))
                        .serverName("mx.test")
                        .messageSizeLimit(1000)
                        .minFreeSpace(5000)
                        .build();
        long[] free = {4999};
        SmtpProtocol low =
                new SmtpProtocol(reserve, Role.INBOUND, "SID", "192.0.2.1", true, () -> free[0]);
        low.handle("EHLO c");
        Reply refused = ((Step.Respond) low.handle("MAIL FROM:<a@b.c>")).reply();
        assertThat(refused.code() + " " + refused.enhancedCode()).isEqualTo("452 4.3.1");
        assertThat(refused.text()).isEqualTo("Insufficient system storage");

        free[0] = 5500;
        Reply tooBig = ((Step.Respond) low.handle("MAIL FROM:<a@b.c> SIZE=600")).reply();
        assertThat(tooBig.code() + " " + tooBig.enhancedCode())
                .as("declared size counts")
                .isEqualTo("452 4.3.1");
        Reply fits = ((Step.Respond) low.handle("MAIL FROM:<a@b.c> SIZE=400")).reply();
        assertThat(fits.code()).isEqualTo(250);
    }

    @Test
    void requiresHeloBeforeMail() {
        assertThat(code("MAIL FROM:<a@b.c>")).isEqualTo("503 5.5.1");
    }

    @Test
    void requiresMailBeforeRcptAndRcptBeforeData() {
        protocol.handle("EHLO c");
        assertThat(code("RCPT TO:<a@b.c>")).isEqualTo("503 5.5.1");
        assertThat(code("MAIL FROM:<a@b.c>")).isEqualTo("250 2.1.0");
        assertThat(code("DATA")).isEqualTo("503 5.5.1");
        assertThat(code("MAIL FROM:<a@b.c>")).isEqualTo("503 5.5.1");
    }

    @Test
    void answersNoValidRecipientsWhenEveryRecipientWasRefused() {
        protocol.handle("EHLO c");
        protocol.handle("MAIL FROM:<>");
        protocol.handle("RCPT TO:<x@y.z>");
        protocol.recipientDecided(RecipientDecision.refuse(Reply.of(550, "5.7.1", "no")));

        assertThat(code("DATA")).isEqualTo("554 5.5.1");
    }

    @Test
    void reportsSyntaxErrorsWithTheirCodes() {
        protocol.handle("EHLO c");
        assertThat(code("EHLO")).isEqualTo("501 5.5.4");
        assertThat(code("MAIL FROM:<bad address>")).isEqualTo("501 5.1.7");
        assertThat(code("MAIL TO:<a@b.c>")).isEqualTo("501 5.5.4");
        assertThat(code("MAIL FROM:<a@b.c> SIZE=abc")).isEqualTo("501 5.5.4");
        assertThat(code("MAIL FROM:<a@b.c> FOO=bar")).isEqualTo("555 5.5.4");
        assertThat(code("MAIL FROM:<a@b.c> SIZE=1001")).isEqualTo("552 5.3.4");
        assertThat(code("MAIL FROM:<a@b.c> BODY=8BITMIME SIZE=10")).isEqualTo("250 2.1.0");
        assertThat(code("RCPT TO:<not valid>")).isEqualTo("501 5.1.3");
        assertThat(code("RCPT TO:<a@b.c> NOTIFY=NEVER")).isEqualTo("555 5.5.4");
        assertThat(code("XYZZY")).isEqualTo("500 5.5.2");
    }

    @Test
    void answersVrfyAndHelpWithoutVerifying() {
        assertThat(code("VRFY someone")).isEqualTo("252 2.5.0");
        assertThat(code("HELP")).isEqualTo("214 2.0.0");
    }

    @Test
    void limitsAcceptedRecipients() {
        protocol.handle("EHLO c");
        protocol.handle("MAIL FROM:<a@b.c>");
        for (String rcpt : new String[] {"x@y.z", "w@y.z"}) {
            assertThat(protocol.handle("RCPT TO:<" + rcpt + ">"))
                    .isInstanceOf(Step.AskRecipient.class);
            protocol.recipientDecided(RecipientDecision.accept(rcpt));
        }

        assertThat(code("RCPT TO:<v@y.z>")).isEqualTo("452 4.5.3");
    }

    @Test
    void refusesRecipientsAtNewDomainsBeyondTheDomainLimitForALaterTransaction() {
        SmtpServerSettings twoDomains =
                SmtpServerSettings.builder()
                        .dataDirectory(Path.of("target/unused"))
                        .serverName("mx.test")
                        .recipientDomainLimit(2)
                        .build();
        SmtpProtocol p =
                new SmtpProtocol(
                        twoDomains, Role.INBOUND, "SID", "192.0.2.1", true, () -> Long.MAX_VALUE);
        p.handle("EHLO c");
        p.handle("MAIL FROM:<a@b.c>");
        for (String rcpt : new String[] {"x@one.test", "y@TWO.test"}) {
            assertThat(p.handle("RCPT TO:<" + rcpt + ">")).isInstanceOf(Step.AskRecipient.class);
            p.recipientDecided(RecipientDecision.accept(rcpt));
        }

        Reply third = ((Step.Respond) p.handle("RCPT TO:<z@three.test>")).reply();
        assertThat(third.code() + " " + third.enhancedCode()).isEqualTo("452 4.5.3");
        assertThat(third.text()).contains("recipient domains");
        assertThat(p.handle("RCPT TO:<w@two.test>"))
                .as("a domain already in the transaction")
                .isInstanceOf(Step.AskRecipient.class);
        p.recipientDecided(RecipientDecision.refuse(Reply.of(550, "5.1.1", "unknown")));

        p.handle("RSET");
        p.handle("MAIL FROM:<a@b.c>");
        assertThat(p.handle("RCPT TO:<z@three.test>"))
                .as("the next transaction takes it")
                .isInstanceOf(Step.AskRecipient.class);
    }

    @Test
    void aRefusedRecipientDoesNotCountItsDomain() {
        SmtpServerSettings oneDomain =
                SmtpServerSettings.builder()
                        .dataDirectory(Path.of("target/unused"))
                        .serverName("mx.test")
                        .recipientDomainLimit(1)
                        .build();
        SmtpProtocol p =
                new SmtpProtocol(
                        oneDomain, Role.INBOUND, "SID", "192.0.2.1", true, () -> Long.MAX_VALUE);
        p.handle("EHLO c");
        p.handle("MAIL FROM:<a@b.c>");
        p.handle("RCPT TO:<x@unknown.test>");
        p.recipientDecided(RecipientDecision.refuse(Reply.of(550, "5.1.1", "unknown")));

        assertThat(p.handle("RCPT TO:<y@hosted.test>")).isInstanceOf(Step.AskRecipient.class);
    }

    @Test
    void buildsEnvelopeWithRewrittenRecipientsOnceEach() {
        protocol.handle("EHLO c");
        protocol.handle("MAIL FROM:<a@b.c> BODY=8BITMIME SIZE=42");
        protocol.handle("RCPT TO:<x@alias.test>");
        protocol.recipientDecided(RecipientDecision.accept("x@main.test"));
        protocol.handle("RCPT TO:<x@main.test>");
        protocol.recipientDecided(RecipientDecision.accept("x@main.test"));

        Envelope envelope = protocol.envelope(Instant.EPOCH);

        assertThat(envelope.transactionId()).isEqualTo("SID.1");
        assertThat(envelope.recipients()).containsExactly("x@main.test");
        assertThat(envelope.bodyType()).isEqualTo("8BITMIME");
        assertThat(envelope.declaredSize()).isEqualTo(42);
    }

    @Test
    void startTlsResetsTheSessionAndIsOfferedOnlyOnce() {
        protocol.handle("EHLO c");
        assertThat(code("STARTTLS now")).isEqualTo("501 5.5.4");
        assertThat(protocol.handle("STARTTLS")).isInstanceOf(Step.StartTls.class);
        protocol.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");

        assertThat(code("MAIL FROM:<a@b.c>")).isEqualTo("503 5.5.1");
        assertThat(((Step.RespondLines) protocol.handle("EHLO c")).lines())
                .doesNotContain("STARTTLS");
        assertThat(code("STARTTLS")).isEqualTo("503 5.5.1");
        assertThat(protocol.session().protocolKeyword()).isEqualTo("ESMTPS");
    }

    @Test
    void signalsWhenTheErrorLimitIsReached() {
        assertThat(protocol.countReply(SmtpReplies.UNKNOWN_COMMAND)).isFalse();
        assertThat(protocol.countReply(SmtpReplies.OK)).isFalse();
        assertThat(protocol.countReply(SmtpReplies.UNKNOWN_COMMAND)).isFalse();
        assertThat(protocol.countReply(SmtpReplies.UNKNOWN_COMMAND)).isTrue();
    }
}
