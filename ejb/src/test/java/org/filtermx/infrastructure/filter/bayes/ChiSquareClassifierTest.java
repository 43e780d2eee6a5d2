package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChiSquareClassifierTest {

    private final ChiSquareClassifier classifier = new ChiSquareClassifier();

    private static Map<String, TokenCounts> tokens(String prefix, int n, long spam, long ham) {
        Map<String, TokenCounts> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(prefix + i, new TokenCounts(spam, ham));
        }
        return m;
    }

    @Test
    void smoothsTokenProbabilityTowardsNeutralForRareTokens() {
        assertThat(ChiSquareClassifier.tokenProbability(new TokenCounts(10, 0), 100, 100))
                .isCloseTo(10.5 / 11, within(1e-12));
        assertThat(ChiSquareClassifier.tokenProbability(new TokenCounts(1, 0), 100, 100))
                .isCloseTo(0.75, within(1e-12));
        assertThat(ChiSquareClassifier.tokenProbability(TokenCounts.NONE, 100, 100)).isEqualTo(0.5);
    }

    @Test
    void comparesTokenSharesSoUnequalTrainingSizesDoNotBias() {
        // In 10% of 1000 spam and 10% of 100 ham: as likely in either.
        assertThat(ChiSquareClassifier.tokenProbability(new TokenCounts(100, 10), 1000, 100))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void computesChiSquareTailForEvenDegreesOfFreedom() {
        assertThat(ChiSquareClassifier.chi2Q(4.0, 2)).isCloseTo(Math.exp(-2), within(1e-12));
        assertThat(ChiSquareClassifier.chi2Q(4.0, 4)).isCloseTo(3 * Math.exp(-2), within(1e-12));
        assertThat(ChiSquareClassifier.chi2Q(0.0, 10)).isEqualTo(1.0);
    }

    @Test
    void saysSpamWhenTheEvidenceIsSpammy() {
        TokenStatistics stats = new TokenStatistics(tokens("s", 20, 50, 0), 500, 500);
        assertThat(classifier.spamProbability(stats)).isGreaterThan(0.999);
    }

    @Test
    void saysHamWhenTheEvidenceIsHammy() {
        TokenStatistics stats = new TokenStatistics(tokens("h", 20, 0, 50), 500, 500);
        assertThat(classifier.spamProbability(stats)).isLessThan(0.001);
    }

    @Test
    void saysUnsureWhenStrongEvidencePointsBothWays() {
        Map<String, TokenCounts> both = tokens("s", 20, 50, 0);
        both.putAll(tokens("h", 20, 0, 50));
        assertThat(classifier.spamProbability(new TokenStatistics(both, 500, 500)))
                .isCloseTo(0.5, within(0.01));
    }

    @Test
    void saysUnsureWithoutEvidenceOrWithOnlyNeutralTokens() {
        assertThat(classifier.spamProbability(TokenStatistics.empty())).isEqualTo(0.5);
        TokenStatistics neutral = new TokenStatistics(tokens("n", 30, 40, 40), 500, 500);
        assertThat(classifier.clues(neutral)).isEmpty();
        assertThat(classifier.spamProbability(neutral)).isEqualTo(0.5);
    }

    @Test
    void usesOnlyTheHundredFiftyMostExtremeClues() {
        Map<String, TokenCounts> strong = tokens("h", 150, 0, 200);
        Map<String, TokenCounts> withWeak = new HashMap<>(strong);
        withWeak.putAll(tokens("s", 100, 8, 2));
        TokenStatistics onlyStrong = new TokenStatistics(strong, 1000, 1000);
        TokenStatistics both = new TokenStatistics(withWeak, 1000, 1000);

        assertThat(classifier.clues(both)).hasSize(ChiSquareClassifier.MAX_CLUES);
        assertThat(classifier.spamProbability(both))
                .isEqualTo(classifier.spamProbability(onlyStrong));
    }
}
