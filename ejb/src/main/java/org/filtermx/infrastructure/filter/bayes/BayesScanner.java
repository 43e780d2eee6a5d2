package org.filtermx.infrastructure.filter.bayes;

import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * The {@code bayes} scanner: classifies the message with both learners, the chi-square combining of
 * the trained token counts and logistic regression on the message's byte 4-grams (cluster-wide,
 * plus the recipient domain's), fuses their probabilities ({@link ProbabilityFusion}) and reports
 * one {@link BayesBand} reason, after {@link KnownEvidence} has tempered the result by how much of
 * the message the training knows (unseen is unknown, never ham). Until at least {@value
 * #MIN_TRAINED} spam and {@value #MIN_TRAINED} ham are trained it reports nothing, since a barely
 * trained classifier is confidently wrong; as SpamAssassin does, it stays silent rather than adding
 * a zero score.
 */
public final class BayesScanner implements Scanner {

    public static final int MIN_TRAINED = 200;

    private final TokenStore store;
    private final Tokenizer tokenizer;
    private final ChiSquareClassifier classifier;
    private final CharacterGrams grams = new CharacterGrams();
    private final LogisticRegression regression = new LogisticRegression();

    public BayesScanner(TokenStore store) {
        this(store, new Tokenizer(), new ChiSquareClassifier());
    }

    public BayesScanner(TokenStore store, Tokenizer tokenizer, ChiSquareClassifier classifier) {
        this.store = store;
        this.tokenizer = tokenizer;
        this.classifier = classifier;
    }

    @Override
    public String name() {
        return "bayes";
    }

    /** The scopes it classifies with: a domain trained on its own mail differs from the rest. */
    @Override
    public String variantFor(String recipientDomain) {
        try {
            return String.join(" ", ScopedStatistics.scanningScopes(store, recipientDomain));
        } catch (TokenStoreException e) {
            // scan() reports the store's outage for this domain; its own variant keeps it apart.
            return recipientDomain == null ? "" : recipientDomain;
        }
    }

    @Override
    public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
        return scan(message, tokenizer.tokenize(message.parsed()), grams.of(message.parsed()));
    }

    /**
     * {@link #scan(MessageUnderScan)} with the message's tokens and 4-gram features already taken
     * apart by the {@link Trainer} of the same defaults ({@link Trainer#prepare}): training scans
     * each message before learning it, and taking it apart once is a third of that work.
     */
    public ScanResult scan(MessageUnderScan message, Set<String> tokens, long[] features)
            throws ScannerUnavailable {
        try {
            List<String> scopes = ScopedStatistics.scanningScopes(store, message.recipientDomain());
            TokenStatistics stats = ScopedStatistics.counts(store, scopes, tokens);
            if (!stats.trainedOn(MIN_TRAINED)) {
                return ScanResult.CLEAN;
            }
            double p = spamProbability(features, scopes, tokens, stats);
            return ScanResult.of(BayesBand.of(p).reason(p));
        } catch (TokenStoreException e) {
            throw new ScannerUnavailable("bayes token store unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The spam probability of {@code message} for {@code domain}'s recipients, whatever the amount
     * of training; for tools that want the number rather than a band.
     */
    public double spamProbability(ParsedMessage message, String domain) {
        List<String> scopes = ScopedStatistics.scanningScopes(store, domain);
        Set<String> tokens = tokenizer.tokenize(message);
        return spamProbability(
                grams.of(message), scopes, tokens, ScopedStatistics.counts(store, scopes, tokens));
    }

    /** The two learners' probabilities, chi-square first, for tools that compare them. */
    public double[] learnerProbabilities(ParsedMessage message, String domain) {
        List<String> scopes = ScopedStatistics.scanningScopes(store, domain);
        return new double[] {
            classifier.spamProbability(statistics(message, scopes)),
            regressionProbability(grams.of(message), scopes)
        };
    }

    /**
     * How much of the message the training knows: its token count and how many of them are known
     * ({@link KnownEvidence#known}), for tools that study the unknown rule.
     */
    public int[] knownTokens(ParsedMessage message, String domain) {
        Set<String> tokens = tokenizer.tokenize(message);
        TokenStatistics stats =
                ScopedStatistics.counts(
                        store, ScopedStatistics.scanningScopes(store, domain), tokens);
        return new int[] {tokens.size(), knownCount(stats)};
    }

    private double spamProbability(
            long[] features, List<String> scopes, Set<String> tokens, TokenStatistics stats) {
        double chiSquare = classifier.spamProbability(stats);
        double regression = regressionProbability(features, scopes);
        return KnownEvidence.temper(
                ProbabilityFusion.of(chiSquare, regression),
                chiSquare,
                regression,
                tokens.size(),
                knownCount(stats));
    }

    private static int knownCount(TokenStatistics stats) {
        int known = 0;
        for (TokenCounts c : stats.counts().values()) {
            if (KnownEvidence.known(c)) {
                known++;
            }
        }
        return known;
    }

    private double regressionProbability(long[] features, List<String> scopes) {
        return regression.spamProbability(
                ScopedStatistics.weights(store, scopes, features), features);
    }

    private TokenStatistics statistics(ParsedMessage message, List<String> scopes) {
        return ScopedStatistics.counts(store, scopes, tokenizer.tokenize(message));
    }
}
