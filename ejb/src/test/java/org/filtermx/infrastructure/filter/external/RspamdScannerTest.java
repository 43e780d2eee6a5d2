package org.filtermx.infrastructure.filter.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.junit.jupiter.api.Test;

class RspamdScannerTest {

    private static final String SCORED =
            "{\"is_skipped\":false,\"score\":7.3,\"required_score\":15.0,\"action\":\"add header\","
                    + "\"symbols\":{\"RDNS_NONE\":{\"name\":\"RDNS_NONE\",\"score\":1.0},"
                    + "\"MIME_GOOD\":{\"name\":\"MIME_GOOD\",\"score\":-0.1},"
                    + "\"ARC_NA\":{\"name\":\"ARC_NA\",\"score\":0.0},"
                    + "\"HFILTER_HOSTNAME_UNKNOWN\":{\"name\":\"HFILTER_HOSTNAME_UNKNOWN\",\"score\":2.5}},"
                    + "\"message-id\":\"2@example.org\",\"time_real\":0.007}";

    private static RspamdScanner scanner(FakeEngine rspamd) {
        return scanner("http://" + rspamd.address());
    }

    private static RspamdScanner scanner(String url) {
        return new RspamdScanner(
                RspamdSettings.at(url).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }

    @Test
    void postsRawMessageToCheckv2WithTheEnvelopeAsHeaders() throws Exception {
        try (FakeEngine rspamd =
                FakeEngine.answering(FakeEngine::headAndBody, FakeEngine.http(200, SCORED))) {
            scanner(rspamd).scan(Messages.of("Subject: hi\r\n\r\nhello\r\n"), "4F2A9C");

            String request = rspamd.requestText();
            assertThat(request).startsWith("POST /checkv2 HTTP/1.1\r\n");
            assertThat(request.split("\r\n"))
                    .contains(
                            "IP: 192.0.2.1",
                            "Helo: mx.example.org",
                            "From: alice@example.org",
                            "Rcpt: bob@example.net",
                            "Rcpt: carol@example.net",
                            "Queue-Id: 4F2A9C",
                            "Host: " + rspamd.address(),
                            "Connection: close",
                            "Content-Length: 22");
            assertThat(request).endsWith("\r\n\r\nSubject: hi\r\n\r\nhello\r\n");
        }
    }

    @Test
    void sendsTheNullSenderAsAnEmptyPathAndOmitsUnknownFacts() throws Exception {
        MessageUnderScan bounce =
                new MessageUnderScan(
                        "",
                        "",
                        "",
                        List.of("bob@example.net"),
                        "example.net",
                        new byte[] {'x'},
                        null);
        try (FakeEngine rspamd =
                FakeEngine.answering(FakeEngine::headAndBody, FakeEngine.http(200, SCORED))) {
            scanner(rspamd).scan(bounce);

            String head = rspamd.requestText().split("\r\n\r\n")[0];
            assertThat(head.split("\r\n")).contains("From: <>");
            assertThat(head).doesNotContain("IP:", "Helo:", "Queue-Id:");
        }
    }

    @Test
    void replacesCharactersAHeaderCannotCarry() throws Exception {
        assertThat(RspamdScanner.headerValue("jörg@exämple.org\u0001"))
                .isEqualTo("j?rg@ex?mple.org?");
    }

    @Test
    void reportsRspamdsTotalWithActionAndWeightiestSymbols() throws Exception {
        try (FakeEngine rspamd =
                FakeEngine.answering(FakeEngine::headAndBody, FakeEngine.http(200, SCORED))) {
            ScanResult result = scanner(rspamd).scan(Messages.of("x"));

            assertThat(result.malware()).isFalse();
            assertThat(result.reasons())
                    .containsExactly(
                            new Reason(
                                    "RSPAMD_SCORE",
                                    7.3,
                                    "action=add header, required=15.0; HFILTER_HOSTNAME_UNKNOWN"
                                            + " +2.50, RDNS_NONE +1.00, MIME_GOOD -0.10"));
        }
    }

    @Test
    void refusedConnectionMakesRspamdUnavailable() throws Exception {
        RspamdScanner scanner = scanner("http://127.0.0.1:" + FakeEngine.closedPort());

        assertThatThrownBy(() -> scanner.scan(Messages.of("x")))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void serverErrorMakesRspamdUnavailableWithItsMessage() throws Exception {
        String reply = FakeEngine.http(500, "{\"error\":\"cannot parse message\"}");
        try (FakeEngine rspamd = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            assertThatThrownBy(() -> scanner(rspamd).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("HTTP 500 cannot parse message");
        }
    }

    @Test
    void replyThatIsNotRspamdsJsonMakesRspamdUnavailable() throws Exception {
        String reply = FakeEngine.http(200, "{\"score\":1.0}");
        try (FakeEngine rspamd = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            assertThatThrownBy(() -> scanner(rspamd).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("unexpected reply");
        }
    }

    @Test
    void replyShorterThanItsContentLengthIsNotTakenAsAnAnswer() throws Exception {
        String full = FakeEngine.http(200, SCORED);
        try (FakeEngine rspamd =
                FakeEngine.answering(
                        FakeEngine::headAndBody, full.substring(0, full.length() - 40))) {
            assertThatThrownBy(() -> scanner(rspamd).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageStartingWith("rspamd at http://" + rspamd.address() + "/checkv2: ");
        }
    }

    @Test
    void oversizedReplyIsRefused() throws Exception {
        String huge = "{\"padding\":\"" + "x".repeat(RspamdResponse.LIMIT) + "\"}";
        try (FakeEngine rspamd =
                FakeEngine.answering(FakeEngine::headAndBody, FakeEngine.http(200, huge))) {
            assertThatThrownBy(() -> scanner(rspamd).scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("longer than");
        }
    }

    @Test
    void silentRspamdIsGivenUpWhenTheBudgetIsSpent() throws Exception {
        try (FakeEngine rspamd = FakeEngine.stallingAfter(FakeEngine::headAndBody)) {
            RspamdScanner scanner =
                    new RspamdScanner(
                            RspamdSettings.at("http://" + rspamd.address())
                                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
            long started = System.nanoTime();

            assertThatThrownBy(() -> scanner.scan(Messages.of("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("time budget of 300 ms spent");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void learnsSpamThroughTheControllerWithItsPassword() throws Exception {
        String reply = FakeEngine.http(200, "{\"success\":true}");
        try (FakeEngine controller = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            RspamdScanner scanner =
                    new RspamdScanner(
                            RspamdSettings.at("http://127.0.0.1:11333")
                                    .withController("http://" + controller.address(), "q1"));

            assertThat(scanner.learnSpam(new byte[] {'x'})).isEqualTo(LearnOutcome.LEARNED);
            assertThat(controller.requestText()).startsWith("POST /learnspam HTTP/1.1\r\n");
            assertThat(controller.requestText().split("\r\n")).contains("Password: q1");
        }
    }

    @Test
    void learnHamReportsWhyRspamdDeclined() throws Exception {
        String reply =
                FakeEngine.http(
                        208,
                        "{\"error\":\"<2@example.org> has been already learned as ham, ignore"
                                + " it\"}");
        try (FakeEngine controller = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            RspamdScanner scanner =
                    new RspamdScanner(
                            RspamdSettings.at("http://127.0.0.1:11333")
                                    .withController("http://" + controller.address(), ""));

            LearnOutcome outcome = scanner.learnHam(new byte[] {'x'});

            assertThat(outcome.learned()).isFalse();
            assertThat(outcome.explanation()).contains("already learned as ham");
            assertThat(controller.requestText()).startsWith("POST /learnham HTTP/1.1\r\n");
            assertThat(controller.requestText()).doesNotContain("Password:");
        }
    }

    @Test
    void learnReportsTheReasonRspamdGivesWithNoContent() throws Exception {
        // rspamd 3.4's bytes: a 204 whose reason phrase explains, with a Content-Length.
        String reply =
                "HTTP/1.1 204 <2@example.org> contains less tokens than required for bayes"
                        + " classifier: 6 < 11\r\nConnection: close\r\nServer: rspamd/3.4\r\n"
                        + "Content-Length: 0\r\nContent-Type: application/json\r\n\r\n";
        try (FakeEngine controller = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            RspamdScanner scanner =
                    new RspamdScanner(
                            RspamdSettings.at("http://127.0.0.1:11333")
                                    .withController("http://" + controller.address(), ""));

            LearnOutcome outcome = scanner.learnHam(new byte[] {'x'});

            assertThat(outcome)
                    .isEqualTo(
                            LearnOutcome.declined(
                                    "<2@example.org> contains less tokens than required for"
                                            + " bayes classifier: 6 < 11"));
        }
    }

    @Test
    void learningWithoutAClassifierMakesRspamdUnavailable() throws Exception {
        String reply = FakeEngine.http(500, "{\"error\":\"no classifier\"}");
        try (FakeEngine controller = FakeEngine.answering(FakeEngine::headAndBody, reply)) {
            RspamdScanner scanner =
                    new RspamdScanner(
                            RspamdSettings.at("http://127.0.0.1:11333")
                                    .withController("http://" + controller.address(), ""));

            assertThatThrownBy(() -> scanner.learnSpam(new byte[] {'x'}))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("HTTP 500 no classifier");
        }
    }
}
