package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.filtermx.application.port.RecipientProbe.Answer;
import org.filtermx.application.port.RecipientProbe.Result;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.junit.jupiter.api.Test;

class SmtpRecipientProbeTest {

    private static final String RANDOM = "0b7e3f1c-probe@example.com";

    private final SmtpRecipientProbe probe =
            new SmtpRecipientProbe("gateway.test", Duration.ofSeconds(3));

    private static List<DestinationRoute> routeTo(ScriptedSmtpServer server) {
        Destination d = server.destination();
        return List.of(new DestinationRoute(d.host(), d.port(), 10));
    }

    @Test
    void aDestinationThatAcceptsTheRandomAddressIsACatchAll() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create().start()) {
            Result result = probe.probe(routeTo(server), RANDOM);

            assertThat(result.answer()).isEqualTo(Answer.ACCEPTED);
            assertThat(result.detail()).contains("250 2.1.5 Ok");
        }
    }

    @Test
    void stopsAtRcptWithTheNullSenderAndNeverSendsData() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create().start()) {
            probe.probe(routeTo(server), RANDOM);

            assertThat(server.lastSession().commands)
                    .containsExactly(
                            "EHLO gateway.test",
                            "MAIL FROM:<>",
                            "RCPT TO:<" + RANDOM + ">",
                            "QUIT");
        }
    }

    @Test
    void asksSeveralAddressesInOneTransactionWithItsOwnBudget() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create().start()) {
            List<Result> results =
                    probe.probeEach(
                            routeTo(server),
                            List.of(RANDOM, "alice@example.com"),
                            Duration.ofSeconds(1));

            assertThat(results).extracting(Result::answer).containsOnly(Answer.ACCEPTED);
            assertThat(server.lastSession().commands)
                    .containsExactly(
                            "EHLO gateway.test",
                            "MAIL FROM:<>",
                            "RCPT TO:<" + RANDOM + ">",
                            "RCPT TO:<alice@example.com>",
                            "QUIT");
        }
    }

    @Test
    void aSilentDestinationTellsNothingToEveryAddressWithinTheGivenBudget() throws Exception {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.create().on("RCPT", ScriptedSmtpServer.HANG).start()) {
            long start = System.nanoTime();
            List<Result> results =
                    probe.probeEach(
                            routeTo(server),
                            List.of(RANDOM, "alice@example.com"),
                            Duration.ofMillis(700));

            assertThat(results).extracting(Result::answer).containsOnly(Answer.UNKNOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void aDestinationThatRefusesTheRandomAddressVerifiesRecipients() throws Exception {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.create().on("RCPT", "550 5.1.1 No such user").start()) {
            Result result = probe.probe(routeTo(server), RANDOM);

            assertThat(result.answer()).isEqualTo(Answer.REFUSED);
            assertThat(result.detail()).contains("550 5.1.1 No such user");
        }
    }

    @Test
    void aTemporaryRefusalTellsNothing() throws Exception {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.create().on("RCPT", "450 4.2.0 Greylisted").start()) {
            assertThat(probe.probe(routeTo(server), RANDOM).answer()).isEqualTo(Answer.UNKNOWN);
        }
    }

    @Test
    void aRefusedNullSenderTellsNothing() throws Exception {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.create().on("MAIL", "550 5.7.1 No bounces here").start()) {
            Result result = probe.probe(routeTo(server), RANDOM);

            assertThat(result.answer()).isEqualTo(Answer.UNKNOWN);
            assertThat(server.lastSession().commands).doesNotContain("RCPT TO:<" + RANDOM + ">");
        }
    }

    @Test
    void aSilentDestinationTellsNothingWithinTheBudget() throws Exception {
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.create().on("RCPT", ScriptedSmtpServer.HANG).start()) {
            long start = System.nanoTime();
            Result result = probe.probe(routeTo(server), RANDOM);

            assertThat(result.answer()).isEqualTo(Answer.UNKNOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnreachableRouteGivesWayToTheNext() throws Exception {
        int closed = SmtpRecipientProbeTest.closedPort();
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.create().on("RCPT", "550 5.1.1 No such user").start()) {
            Destination d = server.destination();
            Result result =
                    probe.probe(
                            List.of(
                                    new DestinationRoute("127.0.0.1", closed, 10),
                                    new DestinationRoute(d.host(), d.port(), 20)),
                            RANDOM);

            assertThat(result.answer()).isEqualTo(Answer.REFUSED);
        }
    }

    @Test
    void noReachableRouteTellsNothing() throws Exception {
        Result result =
                probe.probe(List.of(new DestinationRoute("127.0.0.1", closedPort(), 10)), RANDOM);

        assertThat(result.answer()).isEqualTo(Answer.UNKNOWN);
        assertThat(result.detail()).contains("could not be asked");
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
