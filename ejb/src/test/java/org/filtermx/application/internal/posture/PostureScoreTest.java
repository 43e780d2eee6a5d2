package org.filtermx.application.internal.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.domain.model.dmarc.SourceSummary;
import org.junit.jupiter.api.Test;

class PostureScoreTest {

    static final String RUA = "dmarc-reports@mx.filtermx.test";
    static final SourceSummary GOOD = new SourceSummary("192.0.2.10", 100, 100, 90, 100);
    static final SourceSummary BAD = new SourceSummary("198.51.100.7", 10, 0, 0, 0);

    static DmarcRecord record(String text) {
        return DmarcRecord.of(List.of(text)).orElseThrow();
    }

    @Test
    void noRecordAsksForPNoneWithReportsHere() {
        PostureScore.Result r =
                PostureScore.of("example.com", null, false, RUA, List.of(), 0, null);
        assertThat(r.score()).isZero();
        assertThat(r.nextStep())
                .contains("_dmarc.example.com TXT \"v=DMARC1; p=none; rua=mailto:" + RUA);
    }

    @Test
    void recordWithoutOurRuaAsksToAddIt() {
        PostureScore.Result r =
                PostureScore.of(
                        "example.com",
                        record("v=DMARC1; p=none; rua=mailto:d@example.com"),
                        false,
                        RUA,
                        List.of(),
                        0,
                        null);
        assertThat(r.score()).isEqualTo(30);
        assertThat(r.nextStep()).startsWith("Add rua=mailto:" + RUA);
    }

    @Test
    void unalignedSourcesAreListedAndComeFirst() {
        PostureScore.Result r =
                PostureScore.of(
                        "example.com",
                        record("v=DMARC1; p=none; rua=mailto:" + RUA),
                        false,
                        RUA,
                        List.of(GOOD, BAD),
                        20,
                        null);
        assertThat(r.unaligned()).containsExactly("198.51.100.7");
        assertThat(r.nextStep()).contains("198.51.100.7");
        // 30 + 5 + 10 * 100/110 = 44
        assertThat(r.score()).isEqualTo(44);
    }

    @Test
    void noneWithAllAlignedLongEnoughMovesToQuarantine() {
        DmarcRecord none = record("v=DMARC1; p=none; rua=mailto:" + RUA.toUpperCase());
        assertThat(
                        PostureScore.of("example.com", none, false, RUA, List.of(GOOD), 5, null)
                                .nextStep())
                .startsWith("Wait for reports");
        PostureScore.Result r =
                PostureScore.of(
                        "example.com",
                        none,
                        false,
                        RUA,
                        List.of(GOOD),
                        PostureScore.ALIGNED_DAYS,
                        null);
        assertThat(r.nextStep()).contains("p=quarantine");
        assertThat(r.score()).isEqualTo(45);
    }

    @Test
    void quarantineMovesToRejectAndRejectToMtaSts() {
        PostureScore.Result q =
                PostureScore.of(
                        "example.com",
                        record("v=DMARC1; p=quarantine; rua=mailto:" + RUA),
                        false,
                        RUA,
                        List.of(GOOD),
                        30,
                        null);
        assertThat(q.nextStep()).contains("p=reject");
        PostureScore.Result reject =
                PostureScore.of(
                        "example.com",
                        record("v=DMARC1; p=reject; rua=mailto:" + RUA),
                        false,
                        RUA,
                        List.of(GOOD),
                        30,
                        null);
        assertThat(reject.nextStep()).contains("MTA-STS");
        assertThat(reject.score()).isEqualTo(90);
        PostureScore.Result best =
                PostureScore.of(
                        "example.com",
                        record("v=DMARC1; p=reject; rua=mailto:" + RUA),
                        false,
                        RUA,
                        List.of(GOOD),
                        30,
                        "enforce");
        assertThat(best.score()).isEqualTo(100);
        assertThat(best.nextStep()).startsWith("Nothing to do");
    }

    @Test
    void dnsFailureIsNotTakenForAMissingRecord() {
        PostureScore.Result r = PostureScore.of("example.com", null, true, RUA, List.of(), 0, null);
        assertThat(r.nextStep()).contains("could not be looked up");
    }

    @Test
    void recordParsingFollowsRfc7489() {
        DmarcRecord r =
                record("v=DMARC1;p=Reject; rua=mailto:a@x.test!10m, mailto:" + RUA + "; pct=100");
        assertThat(r.policy()).isEqualTo("reject");
        assertThat(r.rua()).containsExactly("a@x.test", RUA);
        assertThat(DmarcRecord.of(List.of("v=spf1 -all"))).isEmpty();
        assertThat(DmarcRecord.of(List.of("v=DMARC1; p=none", "v=DMARC1; p=reject"))).isEmpty();
    }
}
