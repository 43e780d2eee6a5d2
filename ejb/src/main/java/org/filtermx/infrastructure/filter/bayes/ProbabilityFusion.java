package org.filtermx.infrastructure.filter.bayes;

/**
 * Combines the spam probabilities of the two learners into one: the mean of their log-odds, the
 * fusion Lynam and Cormack found as good as any trained combiner ("On-line spam filter fusion",
 * SIGIR 2006). Both learners must agree for the result to be extreme; when one is sure and the
 * other unsure, the result leans the sure one's way without reaching its certainty. Probabilities
 * are clamped to [{@value #EPSILON}, 1 − {@value #EPSILON}] first, since the chi-square indicator
 * reaches 0 and 1 exactly and one learner alone must not decide.
 */
final class ProbabilityFusion {

    static final double EPSILON = 1e-6;

    private ProbabilityFusion() {}

    static double of(double p, double q) {
        return logistic((logOdds(p) + logOdds(q)) / 2.0);
    }

    static double logOdds(double p) {
        double c = Math.min(1.0 - EPSILON, Math.max(EPSILON, p));
        return Math.log(c / (1.0 - c));
    }

    private static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
