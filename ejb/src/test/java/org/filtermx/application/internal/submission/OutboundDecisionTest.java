package org.filtermx.application.internal.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Verdict;
import org.junit.jupiter.api.Test;

class OutboundDecisionTest {

    private static final OutboundThresholds.Thresholds FIVE_AND_TEN =
            new OutboundThresholds.Thresholds(5, 10);

    private static Verdict scored(double score) {
        return new Verdict(
                Verdict.Action.DELIVER,
                score,
                List.of(new Reason("PHISHING_LINK", score, "")),
                false);
    }

    @Test
    void sendsMailBelowTheSpamThreshold() {
        assertThat(OutboundDecision.of(scored(4.9), FIVE_AND_TEN)).isEqualTo(OutboundDecision.SEND);
    }

    @Test
    void blocksAtTheSpamThresholdWithoutLocking() {
        assertThat(OutboundDecision.of(scored(5.0), FIVE_AND_TEN))
                .isEqualTo(OutboundDecision.BLOCK);
        assertThat(OutboundDecision.of(scored(9.9), FIVE_AND_TEN))
                .isEqualTo(OutboundDecision.BLOCK);
    }

    @Test
    void blocksAndLocksAtTheLockThreshold() {
        assertThat(OutboundDecision.of(scored(10.0), FIVE_AND_TEN))
                .isEqualTo(OutboundDecision.BLOCK_AND_LOCK);
    }

    @Test
    void alwaysBlocksAVirusWhateverTheScore() {
        Verdict virus = new Verdict(Verdict.Action.REJECT, 0, List.of(), true);

        assertThat(OutboundDecision.of(virus, FIVE_AND_TEN)).isEqualTo(OutboundDecision.BLOCK);
    }

    @Test
    void asksForARetryWhenARequiredScannerIsDown() {
        Verdict down = new Verdict(Verdict.Action.TEMPFAIL, 0, List.of(), false);

        assertThat(OutboundDecision.of(down, FIVE_AND_TEN)).isEqualTo(OutboundDecision.RETRY);
    }

    @Test
    void neverLocksBelowTheSpamThreshold() {
        OutboundThresholds.Thresholds inverted = new OutboundThresholds.Thresholds(8, 3);

        assertThat(inverted.lock()).isEqualTo(8);
        assertThat(OutboundDecision.of(scored(4), inverted)).isEqualTo(OutboundDecision.SEND);
    }
}
