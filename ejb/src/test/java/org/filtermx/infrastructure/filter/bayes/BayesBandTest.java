package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BayesBandTest {

    @Test
    void placesProbabilitiesInSpamAssassinBands() {
        assertThat(BayesBand.of(0.0)).isEqualTo(BayesBand.BAYES_00);
        assertThat(BayesBand.of(0.0099)).isEqualTo(BayesBand.BAYES_00);
        assertThat(BayesBand.of(0.01)).isEqualTo(BayesBand.BAYES_05);
        assertThat(BayesBand.of(0.1)).isEqualTo(BayesBand.BAYES_20);
        assertThat(BayesBand.of(0.3)).isEqualTo(BayesBand.BAYES_40);
        assertThat(BayesBand.of(0.5)).isEqualTo(BayesBand.BAYES_50);
        assertThat(BayesBand.of(0.7)).isEqualTo(BayesBand.BAYES_60);
        assertThat(BayesBand.of(0.9)).isEqualTo(BayesBand.BAYES_80);
        assertThat(BayesBand.of(0.97)).isEqualTo(BayesBand.BAYES_95);
        assertThat(BayesBand.of(0.995)).isEqualTo(BayesBand.BAYES_99);
        assertThat(BayesBand.of(0.999)).isEqualTo(BayesBand.BAYES_999);
        assertThat(BayesBand.of(1.0)).isEqualTo(BayesBand.BAYES_999);
    }

    @Test
    void scoresRiseWithProbability() {
        double previous = Double.NEGATIVE_INFINITY;
        for (BayesBand band : BayesBand.values()) {
            assertThat(band.score()).isGreaterThanOrEqualTo(previous);
            previous = band.score();
        }
        assertThat(BayesBand.BAYES_00.score()).isEqualTo(-1.9);
        assertThat(BayesBand.BAYES_60.score()).isLessThan(5.0);
        assertThat(BayesBand.BAYES_80.score()).isEqualTo(5.0);
    }

    @Test
    void showsTheProbabilityInTheReason() {
        assertThat(BayesBand.of(0.9995).reason(0.9995).toString())
                .isEqualTo("BAYES_999 +6.5 (spam probability 0.9995)");
    }
}
