package org.filtermx.infrastructure.filter.bayes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns token counts into a spam probability the way SpamBayes does: Gary Robinson's smoothed
 * per-token probability f(w) with strength {@value #S} and assumed probability {@value #X}, the
 * {@value #MAX_CLUES} tokens furthest from neutral (at least {@value #MIN_STRENGTH} away), and
 * Fisher's chi-square combining of their spam and ham evidence into one indicator in [0, 1]. A pure
 * function of the counts it is given.
 *
 * <p>Unlike a naive Bayes product, chi-square combining says 0.5 ("unsure") when a message has
 * strong evidence both ways, instead of pushing it to whichever side has one clue more.
 */
public final class ChiSquareClassifier {

    /** Robinson's s: how many messages' worth of weight the prior carries. */
    static final double S = 1.0;

    /** Robinson's x: the probability assumed for a token without evidence. */
    static final double X = 0.5;

    /** Tokens closer than this to 0.5 are ignored as noise. */
    static final double MIN_STRENGTH = 0.1;

    /** At most this many tokens, the most extreme, decide. */
    static final int MAX_CLUES = 150;

    /** The probability in [0, 1] that the message whose tokens were looked up is spam. */
    public double spamProbability(TokenStatistics stats) {
        List<Double> clues = clues(stats);
        if (clues.isEmpty()) {
            return 0.5;
        }
        double lnHam = 0;
        double lnSpam = 0;
        for (double f : clues) {
            lnHam += Math.log(f);
            lnSpam += Math.log1p(-f);
        }
        int dof = 2 * clues.size();
        double spamness = 1.0 - chi2Q(-2.0 * lnSpam, dof);
        double hamness = 1.0 - chi2Q(-2.0 * lnHam, dof);
        return (spamness - hamness + 1.0) / 2.0;
    }

    /** The f(w) of the strongest tokens, strongest first. */
    List<Double> clues(TokenStatistics stats) {
        List<Double> clues = new ArrayList<>();
        for (Map.Entry<String, TokenCounts> e : stats.counts().entrySet()) {
            double f = tokenProbability(e.getValue(), stats.spamMessages(), stats.hamMessages());
            if (Math.abs(f - 0.5) >= MIN_STRENGTH) {
                clues.add(f);
            }
        }
        // Strongest first; equal strengths in a fixed order (ham-leaning clues first), so the
        // cut at MAX_CLUES never depends on map iteration order and every node, before and after
        // a restart, gives the same message the same score.
        clues.sort(
                Comparator.comparingDouble((Double f) -> Math.abs(f - 0.5))
                        .reversed()
                        .thenComparingDouble(f -> f));
        return clues.size() > MAX_CLUES ? clues.subList(0, MAX_CLUES) : clues;
    }

    /**
     * Robinson's f(w) = (s·x + n·p(w)) / (s + n), where p(w) compares the token's share of spam
     * with its share of ham (so unequal training sizes do not bias it) and n is how many messages
     * it was seen in.
     */
    static double tokenProbability(TokenCounts c, long spamMessages, long hamMessages) {
        double spamRatio = spamMessages == 0 ? 0 : Math.min(1.0, (double) c.spam() / spamMessages);
        double hamRatio = hamMessages == 0 ? 0 : Math.min(1.0, (double) c.ham() / hamMessages);
        if (spamRatio + hamRatio == 0) {
            return X;
        }
        double p = spamRatio / (spamRatio + hamRatio);
        double n = c.spam() + c.ham();
        return (S * X + n * p) / (S + n);
    }

    /**
     * The probability that a chi-square variable with {@code dof} (even) degrees of freedom is at
     * least {@code chi2}: the series for even degrees of freedom, as in SpamBayes' chi2Q.
     */
    static double chi2Q(double chi2, int dof) {
        double m = chi2 / 2.0;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < dof / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }
}
