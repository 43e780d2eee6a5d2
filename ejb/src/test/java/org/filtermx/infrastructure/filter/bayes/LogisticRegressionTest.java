package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private final LogisticRegression regression = new LogisticRegression();
    private final long[] features = {1, 2, 3};

    @Test
    void saysFiftyFiftyWithoutWeights() {
        assertThat(regression.spamProbability(Map.of(), features)).isEqualTo(0.5);
    }

    @Test
    void isTheLogisticOfTheSummedWeights() {
        Map<Long, Double> weights = Map.of(1L, 1.0, 3L, 0.5, 99L, 100.0);

        assertThat(regression.spamProbability(weights, features))
                .isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-12));
    }

    @Test
    void stepsEachFeatureByTheRateTimesTheError() {
        Map<Long, Double> deltas = regression.step(Map.of(), features, true);

        assertThat(deltas).containsOnlyKeys(1L, 2L, 3L);
        assertThat(deltas.get(2L)).isCloseTo(LogisticRegression.RATE * 0.5, within(1e-12));
        assertThat(regression.step(Map.of(), features, false).get(2L))
                .isCloseTo(-LogisticRegression.RATE * 0.5, within(1e-12));
    }

    @Test
    void learnsAndBarelyMovesOnceItIsRight() {
        long[] features = new long[20];
        for (int i = 0; i < features.length; i++) {
            features[i] = i + 1;
        }
        Map<Long, Double> weights = new HashMap<>();
        double first = 0;
        for (int i = 0; i < 1000; i++) {
            Map<Long, Double> deltas = regression.step(weights, features, true);
            if (i == 0) {
                first = deltas.get(1L);
            }
            deltas.forEach((f, d) -> weights.merge(f, d, Double::sum));
        }

        assertThat(regression.spamProbability(weights, features)).isGreaterThan(0.99);
        assertThat(regression.step(weights, features, true).get(1L)).isLessThan(first / 20);
    }

    @Test
    void noFeatureOutgrowsTheBound() {
        Map<Long, Double> weights = new HashMap<>();
        long[] one = {7};
        for (int i = 0; i < 10_000; i++) {
            regression.step(weights, one, true).forEach((f, d) -> weights.merge(f, d, Double::sum));
        }

        assertThat(weights.get(7L)).isLessThanOrEqualTo(LogisticRegression.MAX_WEIGHT + 1e-12);
        assertThat(regression.spamProbability(weights, one))
                .isLessThan(1 / (1 + Math.exp(-LogisticRegression.MAX_WEIGHT)) + 1e-9);
    }

    @Test
    void shrinksAWeightThatTheOtherLabelNoLongerSupports() {
        Map<Long, Double> weights = new HashMap<>(Map.of(1L, 0.4, 2L, 0.0, 3L, 0.0));
        // Learnt as spam with p = 0.6: each weight moves by RATE * 0.4, less its shrink.
        double p = regression.spamProbability(weights, features);
        Map<Long, Double> deltas = regression.step(weights, features, true);

        assertThat(deltas.get(2L)).isCloseTo(LogisticRegression.RATE * (1 - p), within(1e-12));
        assertThat(deltas.get(1L))
                .isCloseTo(
                        LogisticRegression.RATE * (1 - p) - 0.4 * LogisticRegression.SHRINK,
                        within(1e-12));
    }
}
