package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training of many messages written to the store at once: a token store that keeps what training
 * adds in memory, on top of the store it was made from, until {@link #commit}. Each step reads the
 * stored counts and weights plus the batch's own pending changes, so a batch learns exactly what
 * the same messages trained one at a time would (the same counts; the same weight steps, summed in
 * another order); the write is then one row per distinct token and feature of the whole batch,
 * where training one message at a time wrote one per token and message. Each scope's changes go in
 * one {@link TokenStore#apply}, scopes in name order. One thread fills a batch; taking training
 * back ({@link #unlearn}) is not batched.
 */
public final class TrainingBatch implements TokenStore {

    private final TokenStore store;
    private final Map<String, TrainingChanges> pending = new TreeMap<>();

    /**
     * Per scope, the last weights looked up: a message's scan and its training step ask for the
     * same features of the same scope, with nothing learnt in that scope in between (the fusion
     * learns in a scope of its own), and the lookup was the largest part of learning a message.
     * Forgotten when the scope's weights change.
     */
    private final Map<String, LastWeights> last = new HashMap<>();

    private record LastWeights(long[] features, Map<Long, Double> weights) {}

    public TrainingBatch(TokenStore store) {
        this.store = store;
    }

    @Override
    public TokenStatistics counts(String scope, Collection<String> tokens) {
        TokenStatistics stored = store.counts(scope, tokens);
        TrainingChanges changes = pending.get(scope);
        if (changes == null) {
            return stored;
        }
        Map<String, TokenCounts> sum = new HashMap<>(stored.counts());
        long[] hashes = TokenHash.of(tokens);
        int i = 0;
        for (String token : tokens) {
            long added = changes.added(hashes[i++]);
            int s = (int) (added >>> 32);
            int h = (int) (added & 0xFFFF_FFFFL);
            if (s != 0 || h != 0) {
                sum.merge(token, new TokenCounts(s, h), TokenCounts::plus);
            }
        }
        return new TokenStatistics(
                sum,
                stored.spamMessages() + changes.spamMessages(),
                stored.hamMessages() + changes.hamMessages());
    }

    @Override
    public void learn(String scope, Collection<String> tokens, boolean spam) {
        changes(scope).learn(tokens, spam);
    }

    @Override
    public void unlearn(String scope, Collection<String> tokens, boolean spam) {
        throw new UnsupportedOperationException("untraining is not batched");
    }

    @Override
    public Map<Long, Double> weights(String scope, long[] features) {
        LastWeights known = last.get(scope);
        if (known != null && known.features() == features) {
            return known.weights();
        }
        Map<Long, Double> stored = store.weights(scope, features);
        TrainingChanges changes = pending.get(scope);
        Map<Long, Double> sum = stored;
        if (changes != null) {
            sum = new HashMap<>(stored);
            for (long f : features) {
                double d = changes.weightChange(f);
                if (d != 0.0) {
                    sum.merge(f, d, Double::sum);
                }
            }
        }
        Map<Long, Double> weights = Collections.unmodifiableMap(sum);
        last.put(scope, new LastWeights(features, weights));
        return weights;
    }

    @Override
    public void addWeights(String scope, Map<Long, Double> deltas) {
        last.remove(scope);
        changes(scope).addWeights(deltas);
    }

    @Override
    public void apply(String scope, TrainingChanges changes) {
        throw new UnsupportedOperationException("a batch is not written into another");
    }

    /** Writes every scope's pending changes to the store and starts empty again. */
    public void commit() {
        for (Map.Entry<String, TrainingChanges> e : pending.entrySet()) {
            store.apply(e.getKey(), e.getValue());
        }
        pending.clear();
        last.clear();
    }

    /** Messages added so far, spam and ham, over all scopes. */
    public long messages() {
        long n = 0;
        for (TrainingChanges c : pending.values()) {
            n += c.spamMessages() + c.hamMessages();
        }
        return n;
    }

    private TrainingChanges changes(String scope) {
        return pending.computeIfAbsent(scope, s -> new TrainingChanges());
    }
}
