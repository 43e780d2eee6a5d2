package org.filtermx.infrastructure.filter.bayes;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A message's distinct tokens with their stored keys ({@link TokenHash}), computed once when the
 * message is taken apart: training a message looks its tokens up in the store and in the batch and
 * then counts them, and hashing them at each step was a large part of the work done one message
 * after another. Unmodifiable; iterates in the order the tokens were found.
 */
final class HashedTokens extends AbstractSet<String> {

    private final Set<String> set;
    private final String[] tokens;
    private final long[] hashes;

    /** {@code tokens} (no longer changed by the caller) with their keys. */
    HashedTokens(Set<String> tokens) {
        this.set = tokens;
        this.tokens = tokens.toArray(new String[0]);
        this.hashes = new long[this.tokens.length];
        for (int i = 0; i < this.tokens.length; i++) {
            hashes[i] = TokenHash.of(this.tokens[i]);
        }
    }

    /** The keys, in iteration order; not to be changed. */
    long[] hashes() {
        return hashes;
    }

    @Override
    public boolean contains(Object o) {
        return set.contains(o);
    }

    @Override
    public int size() {
        return tokens.length;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < tokens.length;
            }

            @Override
            public String next() {
                if (next >= tokens.length) {
                    throw new NoSuchElementException();
                }
                return tokens[next++];
            }
        };
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens);
    }
}
