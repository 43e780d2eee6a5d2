package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.Map;

/**
 * Where the classifier's training lives: per scope, how many spam and ham messages contained each
 * token, and how many of each were trained. A scope is {@link #GLOBAL} for the cluster-wide counts
 * or a hosted domain's name for the counts trained from that domain's mail alone. Beside the
 * counts, each scope keeps the weights of the {@link LogisticRegression} learner, keyed by feature.
 *
 * <p>Tokens are counted once per message, however often they occur in it, so callers pass each
 * message's tokens as a set.
 */
public interface TokenStore {

    /** The cluster-wide scope. */
    String GLOBAL = "";

    /**
     * The counts of those of {@code tokens} trained in {@code scope}, with the scope's totals; an
     * empty collection asks for the totals alone.
     *
     * @throws TokenStoreException if the store cannot be read
     */
    TokenStatistics counts(String scope, Collection<String> tokens);

    /**
     * Adds one message with these tokens to {@code scope}'s training as spam or ham.
     *
     * @throws TokenStoreException if the store cannot be written
     */
    void learn(String scope, Collection<String> tokens, boolean spam);

    /**
     * Takes back an earlier {@link #learn} of the same tokens, for a message that was trained with
     * the wrong label; counts never go below zero.
     *
     * @throws TokenStoreException if the store cannot be written
     */
    void unlearn(String scope, Collection<String> tokens, boolean spam);

    /**
     * The logistic-regression weights of those of {@code features} learnt in {@code scope};
     * features never learnt are absent (weight 0).
     *
     * @throws TokenStoreException if the store cannot be read
     */
    Map<Long, Double> weights(String scope, long[] features);

    /**
     * Adds each change to its feature's weight in {@code scope}, as an increment, so that changes
     * made by several nodes at once all count.
     *
     * @throws TokenStoreException if the store cannot be written
     */
    void addWeights(String scope, Map<Long, Double> deltas);

    /**
     * Adds a batch's merged changes to {@code scope}: token counts, totals and weights, as
     * increments, in one write (see {@link TrainingBatch}).
     *
     * @throws TokenStoreException if the store cannot be written
     */
    void apply(String scope, TrainingChanges changes);
}
