package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A token store held in this JVM's memory, for tests and the accuracy benchmark: nothing is shared
 * between nodes and nothing survives a restart.
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
        for (String token : tokens) {
            TokenCounts c = s.tokens.get(token);
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
                Double w = s.weights.get(f);
                if (w != null) {
                    found.put(f, w);
                }
            }
        }
        return found;
    }

    @Override
    public synchronized void addWeights(String scope, Map<Long, Double> deltas) {
        Scope s = scopes.computeIfAbsent(scope, k -> new Scope());
        deltas.forEach((f, d) -> s.weights.merge(f, d, Double::sum));
    }

    private void add(String scope, Collection<String> tokens, boolean spam, int delta) {
        Scope s = scopes.computeIfAbsent(scope, k -> new Scope());
        if (spam) {
            s.spamMessages = Math.max(0, s.spamMessages + delta);
        } else {
            s.hamMessages = Math.max(0, s.hamMessages + delta);
        }
        for (String token : tokens) {
            TokenCounts old = s.tokens.getOrDefault(token, TokenCounts.NONE);
            TokenCounts updated =
                    spam
                            ? new TokenCounts(Math.max(0, old.spam() + delta), old.ham())
                            : new TokenCounts(old.spam(), Math.max(0, old.ham() + delta));
            if (updated.equals(TokenCounts.NONE)) {
                s.tokens.remove(token);
            } else {
                s.tokens.put(token, updated);
            }
        }
    }

    /** One scope's counts. */
    private static final class Scope {
        private final Map<String, TokenCounts> tokens = new HashMap<>();
        private final Map<Long, Double> weights = new HashMap<>();
        private long spamMessages;
        private long hamMessages;
    }
}
