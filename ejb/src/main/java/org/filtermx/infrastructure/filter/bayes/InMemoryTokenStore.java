package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A token store held in this JVM's memory, for tests and the accuracy benchmark: nothing is shared
 * between nodes and nothing survives a restart. Tokens are kept by their {@link TokenHash}, as the
 * database keeps them.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, Scope> scopes = new HashMap<>();

    @Override
    public synchronized TokenStatistics counts(String scope, Collection<String> tokens) {
        Scope s = scopes.get(scope);
        if (s == null) {
            return TokenStatistics.empty();
        }
        Map<String, TokenCounts> found = new HashMap<>();
        long[] hashes = TokenHash.of(tokens);
        int i = 0;
        for (String token : tokens) {
            TokenCounts c = s.tokens.get(hashes[i++]);
            if (c != null) {
                found.put(token, c);
            }
        }
        return new TokenStatistics(found, s.spamMessages, s.hamMessages);
    }

    @Override
    public synchronized void learn(String scope, Collection<String> tokens, boolean spam) {
        add(scope, tokens, spam, 1);
    }

    @Override
    public synchronized void unlearn(String scope, Collection<String> tokens, boolean spam) {
        add(scope, tokens, spam, -1);
    }

    @Override
    public synchronized Map<Long, Double> weights(String scope, long[] features) {
        Scope s = scopes.get(scope);
        Map<Long, Double> found = new HashMap<>();
        if (s != null) {
            for (long f : features) {
                double w = s.weights.get(f);
                if (!Double.isNaN(w)) {
                    found.put(f, w);
                }
            }
        }
        return found;
    }

    @Override
    public synchronized void addWeights(String scope, Map<Long, Double> deltas) {
        Scope s = scopes.computeIfAbsent(scope, k -> new Scope());
        deltas.forEach(s.weights::add);
    }

    @Override
    public synchronized void apply(String scope, TrainingChanges changes) {
        Scope s = scopes.computeIfAbsent(scope, k -> new Scope());
        s.spamMessages += changes.spamMessages();
        s.hamMessages += changes.hamMessages();
        for (long hash : changes.tokenHashes()) {
            s.tokens.merge(
                    hash,
                    new TokenCounts(changes.spamAdded(hash), changes.hamAdded(hash)),
                    TokenCounts::plus);
        }
        for (long feature : changes.features()) {
            s.weights.add(feature, changes.weightChange(feature));
        }
    }

    private void add(String scope, Collection<String> tokens, boolean spam, int delta) {
        Scope s = scopes.computeIfAbsent(scope, k -> new Scope());
        if (spam) {
            s.spamMessages = Math.max(0, s.spamMessages + delta);
        } else {
            s.hamMessages = Math.max(0, s.hamMessages + delta);
        }
        for (long hash : TokenHash.of(tokens)) {
            TokenCounts old = s.tokens.getOrDefault(hash, TokenCounts.NONE);
            TokenCounts updated =
                    spam
                            ? new TokenCounts(Math.max(0, old.spam() + delta), old.ham())
                            : new TokenCounts(old.spam(), Math.max(0, old.ham() + delta));
            if (updated.equals(TokenCounts.NONE)) {
                s.tokens.remove(hash);
            } else {
                s.tokens.put(hash, updated);
            }
        }
    }

    /** One scope's counts. */
    private static final class Scope {
        private final Map<Long, TokenCounts> tokens = new HashMap<>();
        private final WeightTable weights = new WeightTable();
        private long spamMessages;
        private long hamMessages;
    }
}
