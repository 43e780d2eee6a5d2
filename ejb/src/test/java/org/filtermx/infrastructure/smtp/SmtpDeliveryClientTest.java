package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpDeliveryClientTest {

    private static final Duration SHORT = Duration.ofSeconds(2);
    private static final String MESSAGE =
            "Subject: test\r\n\r\nHello\r\n.hidden line\r\n..two dots\r\nend\r\n";

    private final SmtpDeliveryClient client =
            new SmtpDeliveryClient(SmtpClientSettings.defaults().withTimeouts(SHORT, SHORT, SHORT));
    private ScriptedSmtpServer server;

    @BeforeEach
    void createServer() throws IOException {
        server = ScriptedSmtpServer.create();
    }

    @AfterEach
    void closeServer() throws IOException {
        server.close();
    }

    @Test
    void dotStuffsLinesStartingWithDotAndKeepsTheRestByteExact() {
        server.start();

        DeliveryAttempt attempt = deliver(List.of("rcpt@customer.test"), MESSAGE);

        assertThat(wireData())
                .isEqualTo(
                        "Subject: test\r\n\r\nHello\r\n..hidden line\r\n...two dots\r\nend\r\n"
                                + ".\r\n");
        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        assertThat(attempt.recipients())
                .containsExactly(
                        new RecipientResult(
                                "rcpt@customer.test",
                                DeliveryStatus.DELIVERED,
                                "250 2.0.0 Ok: queued as 4F2A",
                                true));
        assertThat(server.lastSession().commands)
                .containsExactly(
                        "EHLO filter.test",
                        "MAIL FROM:<sender@origin.test>",
                        "RCPT TO:<rcpt@customer.test>",
                        "DATA",
                        "QUIT");
    }

    /**
     * A route to an IPv6-only destination: the bracketed literal a route may hold ({@code [::1]})
     * reaches a server that listens on IPv6 loopback alone.
     */
    @Test
    void deliversToAnIpv6OnlyDestinationGivenAsBracketedLiteral() throws IOException {
        try (ScriptedSmtpServer v6 = ScriptedSmtpServer.createOn("::1").start()) {
            Destination route = new Destination("[::1]", v6.destination().port());

            DeliveryAttempt attempt =
                    client.deliver(
                            route,
                            "filter.test",
                            "sender@origin.test",
                            List.of("rcpt@customer.test"),
                            MessageSource.ofBytes(bytes(MESSAGE)));

            assertThat(attempt.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(v6.lastSession().commands).contains("RCPT TO:<rcpt@customer.test>");
            assertThat(route.hostAndPort()).isEqualTo("[::1]:" + route.port());
            assertThat(new Destination("::1", 25).hostAndPort()).isEqualTo("[::1]:25");
        }
    }

    @Test
    void neverSendsBareCarriageReturnOrLineFeed() {
        server.start();

        deliver(List.of("rcpt@customer.test"), "a\nb\rc\r\r\n.d\ne");

        assertThat(wireData()).isEqualTo("a\r\nb\r\nc\r\n\r\n..d\r\ne\r\n.\r\n");
    }

    @Test
    void sendsLoneDotForEmptyMessage() {
        server.start();

        deliver(List.of("rcpt@customer.test"), "");

        assertThat(wireData()).isEqualTo(".\r\n");
    }

    @Test
    void recordsEachRecipientOnPartialRcptFailure() {
        server.on("RCPT TO:<unknown@customer.test>", "550 5.1.1 <unknown@customer.test>: unknown")
                .on("RCPT TO:<full@customer.test>", "452 4.2.2 Mailbox full")
                .start();

        DeliveryAttempt attempt =
                deliver(
                        List.of("unknown@customer.test", "ok@customer.test", "full@customer.test"),
                        MESSAGE);

        assertThat(attempt.recipients())
                .extracting(RecipientResult::status)
                .containsExactly(
                        DeliveryStatus.PERMANENT,
                        DeliveryStatus.DELIVERED,
                        DeliveryStatus.TEMPORARY);
        assertThat(attempt.recipients().get(0).reply())
                .isEqualTo("550 5.1.1 <unknown@customer.test>: unknown");
        assertThat(SmtpReply.enhancedStatusOf(attempt.recipients().get(0))).contains("5.1.1");
        assertThat(attempt.recipients().get(2).reply()).isEqualTo("452 4.2.2 Mailbox full");
        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    }

    @Test
    void joinsMultiLineRepliesWithSpaceAndReadsExtensionsFromMultiLineEhlo() {
        server.on("EHLO", "250-mx.test greets you\n250-SIZE 100\n250 8BITMIME")
                .on(
                        "RCPT TO:<gone@customer.test>",
                        "550-5.1.1 The account does not exist.\n"
                                + "550 5.1.1 Please check the address.")
                .start();

        DeliveryAttempt attempt =
                deliver(
                        List.of("gone@customer.test", "ok@customer.test"),
                        "Subject: x\r\n\r\nhi\r\n");

        assertThat(attempt.recipients().get(0).reply())
                .isEqualTo(
                        "550-5.1.1 The account does not exist. 550 5.1.1 Please check the"
                                + " address.");
        assertThat(server.lastSession().commands)
                .contains("MAIL FROM:<sender@origin.test> SIZE=18");
    }

    @Test
    void failsAllRecipientsPermanentlyOn5xxToMail() {
        server.on("MAIL", "553 5.7.1 Sender rejected").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test", "b@customer.test"), MESSAGE);

        assertThat(attempt.recipients())
                .allSatisfy(
                        r -> {
                            assertThat(r.status()).isEqualTo(DeliveryStatus.PERMANENT);
                            assertThat(r.reply()).isEqualTo("553 5.7.1 Sender rejected");
                        });
        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.PERMANENT_FAILURE);
        assertThat(server.lastSession().commands).doesNotContain("DATA").endsWith("QUIT");
    }

    @Test
    void treats4xxAfterFinalDotAsTemporary() {
        server.afterData("451 4.3.0 Temporary failure, try again").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(attempt.recipients().get(0).status()).isEqualTo(DeliveryStatus.TEMPORARY);
        assertThat(attempt.recipients().get(0).reply())
                .isEqualTo("451 4.3.0 Temporary failure, try again");
        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.TEMPORARY_FAILURE);
    }

    @Test
    void treats5xxAfterFinalDotAsPermanentForAcceptedRecipientsOnly() {
        server.on("RCPT TO:<later@customer.test>", "450 4.2.0 Greylisted")
                .afterData("554 5.7.1 Message rejected as spam")
                .start();

        DeliveryAttempt attempt =
                deliver(List.of("a@customer.test", "later@customer.test"), MESSAGE);

        assertThat(attempt.recipients())
                .extracting(RecipientResult::status)
                .containsExactly(DeliveryStatus.PERMANENT, DeliveryStatus.TEMPORARY);
        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.PERMANENT_FAILURE);
    }

    @Test
    void treatsDropAfterFinalDotAsTemporary() {
        server.afterData(ScriptedSmtpServer.DROP).start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(wireData()).endsWith("end\r\n.\r\n");
        RecipientResult result = attempt.recipients().get(0);
        assertThat(result.status()).isEqualTo(DeliveryStatus.TEMPORARY);
        assertThat(result.fromRemote()).isFalse();
        assertThat(result.reply()).contains("end of data").contains("6.1");
        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.TEMPORARY_FAILURE);
    }

    @Test
    void treatsRefusedConnectionAsTemporary() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryAttempt attempt =
                client.deliver(
                        new Destination("127.0.0.1", closedPort),
                        "filter.test",
                        "sender@origin.test",
                        List.of("a@customer.test"),
                        MessageSource.ofBytes(bytes(MESSAGE)));

        assertThat(attempt.outcome()).isEqualTo(SessionOutcome.TEMPORARY_FAILURE);
        assertThat(attempt.recipients().get(0).status()).isEqualTo(DeliveryStatus.TEMPORARY);
        assertThat(attempt.recipients().get(0).reply()).startsWith("connect to 127.0.0.1:");
    }

    @Test
    void treats554GreetingAsTemporaryAndRecordsIt() {
        server.greeting("554 5.7.1 No SMTP service here").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(attempt.recipients().get(0))
                .isEqualTo(
                        new RecipientResult(
                                "a@customer.test",
                                DeliveryStatus.TEMPORARY,
                                "554 5.7.1 No SMTP service here",
                                true));
        assertThat(server.lastSession().commands).containsExactly("QUIT");
    }

    @Test
    void treats421DuringRcptAsTemporaryForUndecidedRecipients() {
        server.on("RCPT TO:<bad@customer.test>", "550 5.1.1 Unknown")
                .on("RCPT TO:<b@customer.test>", "421 4.7.0 Too many errors, closing")
                .start();

        DeliveryAttempt attempt =
                deliver(
                        List.of("bad@customer.test", "b@customer.test", "c@customer.test"),
                        MESSAGE);

        assertThat(attempt.recipients())
                .extracting(RecipientResult::status)
                .containsExactly(
                        DeliveryStatus.PERMANENT,
                        DeliveryStatus.TEMPORARY,
                        DeliveryStatus.TEMPORARY);
        assertThat(attempt.recipients().get(2).reply())
                .isEqualTo("421 4.7.0 Too many errors, closing");
        assertThat(server.lastSession().commands).doesNotContain("DATA", "QUIT");
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() {
        server.on("EHLO", "502 5.5.2 Command not recognized").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(attempt.allDelivered()).isTrue();
        assertThat(server.lastSession().commands)
                .startsWith(
                        "EHLO filter.test", "HELO filter.test", "MAIL FROM:<sender@origin.test>");
    }

    @Test
    void quitsWithoutDataWhenNoRecipientIsAccepted() {
        server.on("RCPT", "550 5.1.1 Unknown").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(attempt.recipients().get(0).status()).isEqualTo(DeliveryStatus.PERMANENT);
        assertThat(server.lastSession().commands).doesNotContain("DATA").endsWith("QUIT");
        assertThat(server.lastSession().data).isNull();
    }

    @Test
    void pipelinesMailRcptAndDataWhenOffered() {
        server.on("EHLO", "250-mx.test\n250 PIPELINING")
                .on("RCPT TO:<bad@customer.test>", "550 5.1.1 Unknown")
                .start();

        DeliveryAttempt attempt =
                deliver(List.of("bad@customer.test", "ok@customer.test"), MESSAGE);

        assertThat(server.lastSession().pipelinedCommands)
                .contains("MAIL FROM:<sender@origin.test>", "RCPT TO:<bad@customer.test>");
        assertThat(attempt.recipients())
                .extracting(RecipientResult::status)
                .containsExactly(DeliveryStatus.PERMANENT, DeliveryStatus.DELIVERED);
        assertThat(wireData()).endsWith("end\r\n.\r\n");
    }

    @Test
    void endsUnexpectedDataPhaseWithLoneDotWhenPipelinedRecipientsAreAllRejected() {
        server.on("EHLO", "250-mx.test\n250 PIPELINING").on("RCPT", "550 5.1.1 Unknown").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(attempt.recipients().get(0).status()).isEqualTo(DeliveryStatus.PERMANENT);
        assertThat(wireData()).isEqualTo(".\r\n");
        assertThat(server.lastSession().commands).endsWith("QUIT");
    }

    @Test
    void announcesSizeAndEightBitBodyWhenOffered() {
        server.on("EHLO", "250-mx.test\n250-SIZE 10000\n250 8BITMIME").start();
        String eightBit = "Subject: caf\u00e9\r\n\r\n\u00e9t\u00e9\r\n";

        deliver(List.of("a@customer.test"), eightBit);

        int size = eightBit.getBytes(StandardCharsets.UTF_8).length;
        assertThat(server.lastSession().commands)
                .contains("MAIL FROM:<sender@origin.test> SIZE=" + size + " BODY=8BITMIME");
        assertThat(wireData()).isEqualTo(eightBit + ".\r\n");
    }

    @Test
    void sendsNullReversePathForBounces() {
        server.start();

        client.deliver(
                server.destination(),
                "filter.test",
                "<>",
                List.of("a@customer.test"),
                MessageSource.ofBytes(bytes(MESSAGE)));

        assertThat(server.lastSession().commands).contains("MAIL FROM:<>");
    }

    @Test
    void failsPermanentlyWhenMessageExceedsAnnouncedSize() {
        server.on("EHLO", "250-mx.test\n250 SIZE 10").start();

        DeliveryAttempt attempt = deliver(List.of("a@customer.test"), MESSAGE);

        assertThat(attempt.recipients().get(0).status()).isEqualTo(DeliveryStatus.PERMANENT);
        assertThat(attempt.recipients().get(0).reply()).contains("exceeds size limit 10");
        assertThat(server.lastSession().commands).containsExactly("EHLO filter.test", "QUIT");
    }

    @Test
    void treatsSilentServerAsTemporaryAfterTimeout() {
        SmtpDeliveryClient impatient =
                new SmtpDeliveryClient(
                        SmtpClientSettings.defaults()
                                .withTimeouts(SHORT, Duration.ofMillis(300), SHORT));
        server.on("MAIL", ScriptedSmtpServer.HANG).start();

        DeliveryAttempt attempt =
                impatient.deliver(
                        server.destination(),
                        "filter.test",
                        "s@origin.test",
                        List.of("a@customer.test"),
                        MessageSource.ofBytes(bytes(MESSAGE)));

        assertThat(attempt.recipients().get(0).status()).isEqualTo(DeliveryStatus.TEMPORARY);
        assertThat(attempt.recipients().get(0).reply())
                .contains("timed out while sending MAIL FROM");
    }

    @Test
    void rejectsLineBreaksInAddresses() {
        assertThatThrownBy(
                        () ->
                                client.deliver(
                                        new Destination("127.0.0.1", 25),
                                        "filter.test",
                                        "a@b.test",
                                        List.of("x@y.test>\r\nRCPT TO:<evil@z.test"),
                                        MessageSource.ofBytes(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private DeliveryAttempt deliver(List<String> recipients, String message) {
        return client.deliver(
                server.destination(),
                "filter.test",
                "sender@origin.test",
                recipients,
                MessageSource.ofBytes(bytes(message)));
    }

    private String wireData() {
        return new String(server.lastSession().data, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
