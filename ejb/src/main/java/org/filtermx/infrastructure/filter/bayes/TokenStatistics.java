package org.filtermx.infrastructure.filter.bayes;

import java.util.HashMap;
import java.util.Map;

/**
 * What a token store knows about one message's tokens: the counts of those it has seen, and how
 * many spam and ham messages it was trained on in total, which the classifier needs to turn counts
 * into ratios.
 *
 * @param counts per token; tokens never trained are absent
 * @param spamMessages spam messages trained
 * @param hamMessages ham messages trained
 */
public record TokenStatistics(
        Map<String, TokenCounts> counts, long spamMessages, long hamMessages) {

    public TokenStatistics {
        counts = Map.copyOf(counts);
    }

    /** What an untrained store knows. */
    public static TokenStatistics empty() {
        return new TokenStatistics(Map.of(), 0, 0);
    }

    /** The counts for {@code token}, {@link TokenCounts#NONE} if it was never trained. */
    public TokenCounts of(String token) {
        return counts.getOrDefault(token, TokenCounts.NONE);
    }

    /** Whether at least {@code minimum} spam and {@code minimum} ham messages were trained. */
    public boolean trainedOn(long minimum) {
        return spamMessages >= minimum && hamMessages >= minimum;
    }

    /** Both scopes' evidence added up: per-token counts and totals alike. */
    public TokenStatistics plus(TokenStatistics other) {
        Map<String, TokenCounts> sum = new HashMap<>(counts);
        other.counts.forEach((token, c) -> sum.merge(token, c, TokenCounts::plus));
        return new TokenStatistics(
                sum, spamMessages + other.spamMessages, hamMessages + other.hamMessages);
    }
}
