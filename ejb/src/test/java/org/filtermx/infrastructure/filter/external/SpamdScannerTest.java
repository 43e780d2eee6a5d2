package org.filtermx.infrastructure.filter.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.junit.jupiter.api.Test;

class SpamdScannerTest {

    private static final String GTUBE_REPLY =
            "SPAMD/1.1 0 EX_OK\r\nContent-length: 30\r\nSpam: True ; 1000.3 / 5.0\r\n\r\n"
                    + "GTUBE,MISSING_DATE,NO_RECEIVED";

    private static SpamdScanner scanner(String address) {
        return new SpamdScanner(
                SpamdSettings.at(address)
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }

    @Test
    void sendsSymbolsCommandWithContentLengthAndUser() throws Exception {
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, GTUBE_REPLY)) {
            new SpamdScanner(SpamdSettings.at(spamd.address()).withUser("filtermx"))
                    .scan(Messages.of("Subject: hi\r\n\r\nhello\r\n"));

            assertThat(spamd.requestText())
                    .isEqualTo(
                            "SYMBOLS SPAMC/1.5\r\nContent-length: 22\r\nUser: filtermx\r\n\r\n"
                                    + "Subject: hi\r\n\r\nhello\r\n");
        }
    }

    @Test
    void sendsNoUserWhenNoneIsConfigured() throws Exception {
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, GTUBE_REPLY)) {
            scanner(spamd.address()).scan(Messages.of("x"));

            assertThat(spamd.requestText())
                    .isEqualTo("SYMBOLS SPAMC/1.5\r\nContent-length: 1\r\n\r\nx");
        }
    }

    @Test
    void reportsSpamAssassinsTotalAndRulesAsOneReason() throws Exception {
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, GTUBE_REPLY)) {
            ScanResult result = scanner(spamd.address()).scan(Messages.of("x"));

            assertThat(result.malware()).isFalse();
            assertThat(result.reasons())
                    .containsExactly(
                            new Reason(
                                    "SPAMASSASSIN_SCORE",
                                    1000.3,
                                    "required=5.0; GTUBE, MISSING_DATE, NO_RECEIVED"));
        }
    }

    @Test
    void keepsTheNegativeScoreOfHam() throws Exception {
        String reply = "SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\nSpam: False ; -1.9 / 5.0\r\n\r\n";
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            ScanResult result = scanner(spamd.address()).scan(Messages.of("x"));

            assertThat(result.reasons())
                    .containsExactly(new Reason("SPAMASSASSIN_SCORE", -1.9, "required=5.0"));
        }
    }

    @Test
    void errorStatusMakesSpamdUnavailable() throws Exception {
        String reply = "SPAMD/1.0 76 Bad header line: (EOF)\r\n\r\n";
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            assertThatThrownBy(() -> scanner(spamd.address()).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("error 76 Bad header line");
        }
    }

    @Test
    void replyShorterThanItsContentLengthIsNotTakenAsAnAnswer() throws Exception {
        String cut = GTUBE_REPLY.substring(0, GTUBE_REPLY.length() - 5);
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, cut)) {
            assertThatThrownBy(() -> scanner(spamd.address()).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("reply body of 25 bytes, announced 30");
        }
    }

    @Test
    void replyCutOffInsideTheHeadIsNotTakenAsAnAnswer() throws Exception {
        try (FakeEngine spamd =
                FakeEngine.answering(FakeEngine::headAndBody, "SPAMD/1.1 0 EX_OK\r\nSpam: Tr")) {
            assertThatThrownBy(() -> scanner(spamd.address()).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("truncated reply");
        }
    }

    @Test
    void replyWithoutAScoreMakesSpamdUnavailable() throws Exception {
        String reply = "SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n";
        try (FakeEngine spamd = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            assertThatThrownBy(() -> scanner(spamd.address()).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("without a valid Spam header");
        }
    }

    @Test
    void messageAboveTheSizeLimitIsPassedUncheckedWithoutConnecting() throws Exception {
        SpamdScanner scanner =
                new SpamdScanner(
                        SpamdSettings.at("127.0.0.1:" + FakeEngine.closedPort())
                                .withMaxMessageSize(4));

        assertThat(scanner.scan(Messages.of("0123456789")).reasons())
                .containsExactly(new Reason("SPAMASSASSIN_SKIPPED", 0, "10 bytes, limit 4"));
    }

    @Test
    void refusedConnectionMakesSpamdUnavailable() throws Exception {
        SpamdScanner scanner = scanner("127.0.0.1:" + FakeEngine.closedPort());

        assertThatThrownBy(() -> scanner.scan(Messages.of("x")))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void silentSpamdIsGivenUpWhenTheBudgetIsSpent() throws Exception {
        try (FakeEngine spamd = FakeEngine.stallingAfter(FakeEngine::headAndBody)) {
            SpamdScanner scanner =
                    new SpamdScanner(
                            SpamdSettings.at(spamd.address())
                                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
            long started = System.nanoTime();

            assertThatThrownBy(() -> scanner.scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("time budget of 300 ms spent");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(2));
        }
    }
}
