package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Unseen is unknown, never ham. */
class KnownEvidenceTest {

    @Test
    void aTokenSeenInATrainedMessageIsKnown() {
        assertThat(KnownEvidence.known(new TokenCounts(0, 0))).isFalse();
        assertThat(KnownEvidence.known(new TokenCounts(0, 1))).isTrue();
        assertThat(KnownEvidence.known(new TokenCounts(1, 0))).isTrue();
    }

    @Test
    void aMessageMostlyOfUnseenTokensIsUnknown() {
        assertThat(KnownEvidence.confidence(200, 30)).isZero();
        assertThat(KnownEvidence.temper(1e-9, 1e-9, 1e-9, 200, 30)).isCloseTo(0.5, within(1e-12));
        assertThat(KnownEvidence.temper(1 - 1e-9, 1, 1, 200, 30)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void thinEvidenceIsPulledTowardsUnsure() {
        // 10 known tokens of 12: a high share, but few of them.
        double p = KnownEvidence.temper(0.001, 0.001, 0.001, 12, 10);
        assertThat(p).isGreaterThan(0.05).isLessThan(0.5);
        assertThat(BayesBand.of(p).score()).isGreaterThan(BayesBand.BAYES_05.score());
    }

    @Test
    void aWellKnownMessageKeepsItsVerdict() {
        assertThat(KnownEvidence.confidence(200, 150)).isEqualTo(1.0);
        assertThat(KnownEvidence.temper(0.999, 0.99, 0.99, 200, 150))
                .isCloseTo(0.999, within(1e-9));
        assertThat(KnownEvidence.temper(1e-4, 1e-3, 1e-3, 200, 150)).isCloseTo(1e-4, within(1e-12));
    }

    @Test
    void certainHamNeedsBothLearnersToSayHam() {
        // The fusion alone is low, but the regression is unsure: not certain ham.
        assertThat(KnownEvidence.temper(0.01, 1e-6, 0.5, 200, 150))
                .isEqualTo(KnownEvidence.CERTAIN_HAM);
        assertThat(BayesBand.of(KnownEvidence.CERTAIN_HAM)).isEqualTo(BayesBand.BAYES_20);
    }
}
