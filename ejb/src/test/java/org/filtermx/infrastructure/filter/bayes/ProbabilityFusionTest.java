package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProbabilityFusionTest {

    @Test
    void averagesTheLogOdds() {
        // log-odds ln 9 and ln 1: mean ln 3, probability 0.75.
        assertThat(ProbabilityFusion.of(0.9, 0.5)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void isSymmetricAndKeepsAgreement() {
        assertThat(ProbabilityFusion.of(0.2, 0.7)).isEqualTo(ProbabilityFusion.of(0.7, 0.2));
        assertThat(ProbabilityFusion.of(0.99, 0.99)).isCloseTo(0.99, within(1e-12));
        assertThat(ProbabilityFusion.of(0.3, 0.7)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void letsNoLearnerDecideAloneWithCertainty() {
        assertThat(ProbabilityFusion.of(1.0, 0.5)).isLessThan(ProbabilityFusion.of(1.0, 0.9));
        assertThat(ProbabilityFusion.of(1.0, 0.5)).isLessThan(0.9995);
        assertThat(ProbabilityFusion.of(0.0, 1.0)).isCloseTo(0.5, within(1e-9));
    }
}
