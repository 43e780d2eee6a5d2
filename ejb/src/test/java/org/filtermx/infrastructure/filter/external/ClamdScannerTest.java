package org.filtermx.infrastructure.filter.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.junit.jupiter.api.Test;

class ClamdScannerTest {

    private static ClamdScanner scanner(String address) {
        return new ClamdScanner(
                ClamdSettings.at(address)
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }

    @Test
    void streamsMessageInLengthPrefixedChunksEndedByAnEmptyChunk() throws Exception {
        try (FakeEngine clamd = FakeEngine.answering(FakeEngine::instream, "stream: OK\0")) {
            ClamdScanner scanner =
                    new ClamdScanner(ClamdSettings.at(clamd.address()).withStreamLimits(4, 1024));

            scanner.scan(Messages.of("0123456789"));

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            expected.write(new byte[] {0, 0, 0, 4});
            expected.write("0123".getBytes(StandardCharsets.US_ASCII));
            expected.write(new byte[] {0, 0, 0, 4});
            expected.write("4567".getBytes(StandardCharsets.US_ASCII));
            expected.write(new byte[] {0, 0, 0, 2});
            expected.write("89".getBytes(StandardCharsets.US_ASCII));
            expected.write(new byte[] {0, 0, 0, 0});
            assertThat(clamd.request()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void cleanStreamIsCleanResult() throws Exception {
        try (FakeEngine clamd = FakeEngine.answering(FakeEngine::instream, "stream: OK\0")) {
            assertThat(scanner(clamd.address()).scan(Messages.of("hello")))
                    .isEqualTo(ScanResult.CLEAN);
        }
    }

    @Test
    void foundSignatureIsMalwareWithTheSignatureAsDetail() throws Exception {
        try (FakeEngine clamd =
                FakeEngine.answering(
                        FakeEngine::instream, "stream: Eicar-Test-Signature.UNOFFICIAL FOUND\0")) {
            ScanResult result = scanner(clamd.address()).scan(Messages.of("X5O!P%@AP"));

            assertThat(result.malware()).isTrue();
            assertThat(result.reasons())
                    .containsExactly(
                            new Reason("VIRUS_FOUND", 1000, "Eicar-Test-Signature.UNOFFICIAL"));
        }
    }

    @Test
    void errorReplyMakesClamdUnavailableWithItsText() throws Exception {
        try (FakeEngine clamd =
                FakeEngine.answering(
                        FakeEngine::instream, "INSTREAM size limit exceeded. ERROR\0")) {
            assertThatThrownBy(() -> scanner(clamd.address()).scan(Messages.of("hello")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("INSTREAM size limit exceeded. ERROR");
        }
    }

    @Test
    void replyCutOffBeforeItsTerminatorIsNotTakenAsAnAnswer() throws Exception {
        try (FakeEngine clamd =
                FakeEngine.answering(FakeEngine::instream, "stream: Eicar-Test-Sig")) {
            assertThatThrownBy(() -> scanner(clamd.address()).scan(Messages.of("hello")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("before a complete reply");
        }
    }

    @Test
    void unknownReplyMakesClamdUnavailable() throws Exception {
        try (FakeEngine clamd = FakeEngine.answering(FakeEngine::instream, "UNKNOWN COMMAND\0")) {
            assertThatThrownBy(() -> scanner(clamd.address()).scan(Messages.of("hello")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("UNKNOWN COMMAND");
        }
    }

    @Test
    void messageAboveStreamMaxLengthIsRefusedBeforeConnecting() throws Exception {
        ClamdScanner scanner =
                new ClamdScanner(
                        ClamdSettings.at("127.0.0.1:" + FakeEngine.closedPort())
                                .withStreamLimits(4, 8));

        assertThatThrownBy(() -> scanner.scan(Messages.of("0123456789")))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("exceeds StreamMaxLength 8")
                .hasMessageNotContaining("connect");
    }

    @Test
    void refusedConnectionMakesClamdUnavailable() throws Exception {
        ClamdScanner scanner = scanner("127.0.0.1:" + FakeEngine.closedPort());

        assertThatThrownBy(() -> scanner.scan(Messages.of("hello")))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void silentClamdIsGivenUpWhenTheBudgetIsSpent() throws Exception {
        try (FakeEngine clamd = FakeEngine.stallingAfter(FakeEngine::instream)) {
            ClamdScanner scanner =
                    new ClamdScanner(
                            ClamdSettings.at(clamd.address())
                                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
            long started = System.nanoTime();

            assertThatThrownBy(() -> scanner.scan(Messages.of("hello")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("time budget of 300 ms spent");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void clamdThatStopsReadingCannotHoldTheWriterBeyondTheBudget() throws Exception {
        try (FakeEngine clamd = FakeEngine.notReading()) {
            ClamdScanner scanner =
                    new ClamdScanner(
                            ClamdSettings.at(clamd.address())
                                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500))
                                    .withStreamLimits(64 * 1024, 64L * 1024 * 1024));
            long started = System.nanoTime();

            assertThatThrownBy(() -> scanner.scan(Messages.of(new byte[48 * 1024 * 1024])))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("time budget of 500 ms spent");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(3));
        }
    }
}
