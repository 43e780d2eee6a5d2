package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every token store does, run against each implementation by its own test class. */
abstract class TokenStoreContract {

    abstract TokenStore store();

    @Test
    void countsEachTrainedMessageOncePerTokenAndLabel() {
        TokenStore store = store();
        store.learn("", Set.of("cheap", "offer"), true);
        store.learn("", Set.of("offer", "meeting"), false);
        store.learn("", Set.of("cheap"), true);

        TokenStatistics stats = store.counts("", List.of("cheap", "offer", "meeting", "unseen"));

        assertThat(stats.spamMessages()).isEqualTo(2);
        assertThat(stats.hamMessages()).isEqualTo(1);
        assertThat(stats.of("cheap")).isEqualTo(new TokenCounts(2, 0));
        assertThat(stats.of("offer")).isEqualTo(new TokenCounts(1, 1));
        assertThat(stats.of("meeting")).isEqualTo(new TokenCounts(0, 1));
        assertThat(stats.counts()).doesNotContainKey("unseen");
    }

    @Test
    void keepsScopesApart() {
        TokenStore store = store();
        store.learn("", Set.of("shared"), true);
        store.learn("customer.test", Set.of("shared"), false);

        assertThat(store.counts("", List.of("shared")).of("shared"))
                .isEqualTo(new TokenCounts(1, 0));
        assertThat(store.counts("customer.test", List.of("shared")).of("shared"))
                .isEqualTo(new TokenCounts(0, 1));
        assertThat(store.counts("other.test", List.of("shared")))
                .isEqualTo(TokenStatistics.empty());
    }

    @Test
    void answersTotalsAloneForNoTokens() {
        TokenStore store = store();
        store.learn("", Set.of("a"), false);

        TokenStatistics totals = store.counts("", List.of());

        assertThat(totals.counts()).isEmpty();
        assertThat(totals.hamMessages()).isEqualTo(1);
    }

    @Test
    void unlearnTakesBackATrainingAndNeverGoesNegative() {
        TokenStore store = store();
        store.learn("", Set.of("a", "b"), true);
        store.learn("", Set.of("b"), false);

        store.unlearn("", Set.of("a", "b"), true);
        store.unlearn("", Set.of("a"), true);

        TokenStatistics stats = store.counts("", List.of("a", "b"));
        assertThat(stats.spamMessages()).isZero();
        assertThat(stats.hamMessages()).isEqualTo(1);
        assertThat(stats.counts()).doesNotContainKey("a");
        assertThat(stats.of("b")).isEqualTo(new TokenCounts(0, 1));
    }

    @Test
    void addsWeightChangesUpAndAnswersOnlyLearntFeatures() {
        TokenStore store = store();
        store.addWeights("", Map.of(1L, 0.5, -7L, -0.25));
        store.addWeights("", Map.of(1L, 0.25));

        Map<Long, Double> weights = store.weights("", new long[] {1L, -7L, 42L});

        assertThat(weights).containsOnlyKeys(1L, -7L);
        assertThat(weights.get(1L)).isCloseTo(0.75, within(1e-12));
        assertThat(weights.get(-7L)).isCloseTo(-0.25, within(1e-12));
    }

    @Test
    void keepsWeightsOfScopesApart() {
        TokenStore store = store();
        store.addWeights("", Map.of(1L, 1.0));
        store.addWeights("customer.test", Map.of(1L, -2.0));

        assertThat(store.weights("", new long[] {1L})).containsEntry(1L, 1.0);
        assertThat(store.weights("customer.test", new long[] {1L})).containsEntry(1L, -2.0);
        assertThat(store.weights("other.test", new long[] {1L})).isEmpty();
    }
}
