package org.filtermx.infrastructure.filter.bayes;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The distinct tokens of one message, collected up to a cap so that a huge or hostile message costs
 * bounded time and memory; once full, further tokens are dropped, which keeps the headers' tokens
 * (collected first) over the tail of a long body.
 */
final class TokenSet {

    private final Set<String> tokens = new LinkedHashSet<>();
    private final int limit;

    TokenSet(int limit) {
        this.limit = limit;
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
