package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;

import java.util.Set;

/**
 * The {@code bayes} scanner: classifies the message from the trained token counts (cluster-wide,
 * plus the recipient domain's) and reports one {@link BayesBand} reason. Until at least {@value
 * #MIN_TRAINED} spam and {@value #MIN_TRAINED} ham are trained it reports nothing, since a barely
 * trained classifier is confidently wrong; as SpamAssassin does, it stays silent rather than adding
 * a zero score.
 */
public final class BayesScanner implements Scanner {

    public static final int MIN_TRAINED = 200;

    private final TokenStore store;
    private final Tokenizer tokenizer;
    private final ChiSquareClassifier classifier;

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

    @Override
    public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
        try {
            TokenStatistics stats = statistics(message.parsed(), message.recipientDomain());
            if (!stats.trainedOn(MIN_TRAINED)) {
                return ScanResult.CLEAN;
            }
            double p = classifier.spamProbability(stats);
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
        return classifier.spamProbability(statistics(message, domain));
    }

    private TokenStatistics statistics(ParsedMessage message, String domain) {
        Set<String> tokens = tokenizer.tokenize(message);
        return ScopedStatistics.lookup(store, domain, tokens);
    }
}
