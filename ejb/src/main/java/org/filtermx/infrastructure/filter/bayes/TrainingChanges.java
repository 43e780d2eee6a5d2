package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.Map;

/**
 * What training several messages changes in one scope, merged: per token hash the spam and ham
 * messages added, the messages added to the totals, and per feature the summed weight change. A
 * token common to the batch's messages is one entry however many contained it, so a batch of
 * hundreds of messages is written as one row per distinct token and feature ({@link
 * TokenStore#apply}) instead of one per token and message. Not thread-safe: one batch fills it.
 */
public final class TrainingChanges {

    /** Token hash to messages added, spam in the high 32 bits and ham in the low. */
    private final WeightTable tokens = new WeightTable(4096);

    private final WeightTable weights = new WeightTable(4096);
    private long spamMessages;
    private long hamMessages;

    /** Adds one message with these tokens as spam or ham. */
    void learn(Collection<String> tokens, boolean spam) {
        long one = spam ? 1L << 32 : 1L;
        for (long hash : TokenHash.of(tokens)) {
            this.tokens.putLong(hash, this.tokens.getLong(hash, 0L) + one);
        }
        if (spam) {
            spamMessages++;
        } else {
            hamMessages++;
        }
    }

    /** Adds weight changes to those already pending. */
    void addWeights(Map<Long, Double> deltas) {
        deltas.forEach(weights::add);
    }

    /** The pending change of {@code feature}'s weight, 0 when none. */
    public double weightChange(long feature) {
        double d = weights.get(feature);
        return Double.isNaN(d) ? 0.0 : d;
    }

    public long spamMessages() {
        return spamMessages;
    }

    public long hamMessages() {
        return hamMessages;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return spamMessages == 0 && hamMessages == 0 && weights.size() == 0;
    }

    /** The changed token hashes in ascending order. */
    public long[] tokenHashes() {
        return tokens.sortedKeys();
    }

    /**
     * The messages added with the token of {@code hash}: spam in the high 32 bits, ham in the low.
     */
    long added(long hash) {
        return tokens.getLong(hash, 0L);
    }

    /** The spam messages added with the token of {@code hash}. */
    public int spamAdded(long hash) {
        return (int) (tokens.getLong(hash, 0L) >>> 32);
    }

    /** The ham messages added with the token of {@code hash}. */
    public int hamAdded(long hash) {
        return (int) (tokens.getLong(hash, 0L) & 0xFFFF_FFFFL);
    }

    /** The changed features in ascending order. */
    public long[] features() {
        return weights.sortedKeys();
    }
}
