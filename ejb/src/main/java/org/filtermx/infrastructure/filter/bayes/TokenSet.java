package org.filtermx.infrastructure.filter.bayes;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The distinct tokens of one message, collected up to a cap so that a huge or hostile message costs
 * bounded time and memory; once full, further tokens are dropped, which keeps the headers' tokens
 * (collected first) over the tail of a long body.
 */
final class TokenSet {

    /** Tokens a set makes room for at once: most messages have fewer; beyond, the set grows. */
    private static final int EXPECTED = 768;

    private final Set<String> tokens;
    private final int limit;

    TokenSet(int limit) {
        this.limit = limit;
        // Sized for a typical message up front: growing from 16 rehashed it six times.
        this.tokens = new LinkedHashSet<>(Math.min(limit, EXPECTED) * 4 / 3 + 1);
    }

    void add(String token) {
        if (tokens.size() < limit) {
            tokens.add(token);
        }
    }

    boolean full() {
        return tokens.size() >= limit;
    }

    /** The tokens, with their stored keys computed once ({@link HashedTokens}). */
    Set<String> toSet() {
        return new HashedTokens(tokens);
    }
}
