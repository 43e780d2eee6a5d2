package org.filtermx.infrastructure.filter.bayes;

import java.util.HashMap;
import java.util.Map;

/**
 * A second, discriminative learner beside the chi-square counts: online logistic regression on
 * binary features, as in the filter that did best across the TREC 2005-2007 spam tracks (Goodman
 * and Yih, CEAS 2006; Cormack, "University of Waterloo participation in the TREC 2007 spam track").
 * The spam probability is the logistic function of the summed weights of the message's features;
 * training one message moves each of its features' weights by {@value #RATE}·(y − p), the gradient
 * step of the log-loss, where y is 1 for spam and 0 for ham and p is what the model said before.
 *
 * <p>Where the counts weigh each token on its own, the weights are learnt jointly, so correlated
 * features do not pile up as independent evidence, and a message the model already gets right
 * barely moves them. Because a step only adds to weights, steps from several nodes commute and can
 * be applied to the shared store as increments. A pure function of the weights it is given.
 *
 * <p>No single feature decides: each step also shrinks the weights it touches by {@value #SHRINK}
 * of their value (L2 regularization, applied lazily to the features present, as is usual for sparse
 * online learners), and no weight leaves [−{@value #MAX_WEIGHT}, {@value #MAX_WEIGHT}]. Without
 * them a 4-gram that only the training site's ham contains (a list's name, a host of its own) grows
 * without bound and alone outweighs the rest of a message.
 */
public final class LogisticRegression {

    /**
     * The learning rate; with about 2,000 features a message, one step moves that message's score
     * by up to ±100·(y − p), so a few mistakes on a kind of message teach it.
     */
    static final double RATE = 0.05;

    /** The largest weight, in log-odds, one feature may carry. */
    static final double MAX_WEIGHT = 0.5;

    /** The share of a present feature's weight each step takes away (L2 shrink). */
    static final double SHRINK = 0.002;

    /** The probability that a message with these features is spam, given their weights. */
    public double spamProbability(Map<Long, Double> weights, long[] features) {
        double score = 0;
        for (long f : features) {
            score += weights.getOrDefault(f, 0.0);
        }
        return 1.0 / (1.0 + Math.exp(-score));
    }

    /**
     * The weight changes that learning one message as spam or ham makes: the same gradient step for
     * each of its features, less the shrink, within the weight bound.
     */
    public Map<Long, Double> step(Map<Long, Double> weights, long[] features, boolean spam) {
        double error = (spam ? 1.0 : 0.0) - spamProbability(weights, features);
        Map<Long, Double> deltas = new HashMap<>(features.length * 2);
        for (long f : features) {
            double w = weights.getOrDefault(f, 0.0);
            double next = w * (1.0 - SHRINK) + RATE * error;
            next = Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, next));
            deltas.put(f, next - w);
        }
        return deltas;
    }
}
