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
 */
public final class LogisticRegression {

    /**
     * The learning rate; with about 2,000 features a message, one step moves that message's score
     * by up to ±100·(y − p), so a few mistakes on a kind of message teach it.
     */
    static final double RATE = 0.05;

    /** The probability that a message with these features is spam, given their weights. */
    public double spamProbability(Map<Long, Double> weights, long[] features) {
        double score = 0;
        for (long f : features) {
            score += weights.getOrDefault(f, 0.0);
        }
        return 1.0 / (1.0 + Math.exp(-score));
    }

    /**
     * The weight changes that learning one message as spam or ham makes: the same change for each
     * of its features.
     */
    public Map<Long, Double> step(Map<Long, Double> weights, long[] features, boolean spam) {
        double error = (spam ? 1.0 : 0.0) - spamProbability(weights, features);
        Map<Long, Double> deltas = new HashMap<>(features.length * 2);
        for (long f : features) {
            deltas.put(f, RATE * error);
        }
        return deltas;
    }
}
