package org.filtermx.infrastructure.filter.bayes;

import java.util.Map;
import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * Teaches the classifier, one message at a time: adds a message's tokens to one scope's spam or ham
 * counts and takes one {@link LogisticRegression} step on its byte 4-grams in the same scope, or
 * takes back a message trained with the wrong label. Each call trains exactly the scope it names; a
 * message reported by a domain's user goes to that domain ({@link TokenStore#GLOBAL} is for the
 * operator's own training), since the scanner adds domain evidence to the global and training both
 * would count the message twice.
 */
public final class Trainer {

    private final TokenStore store;
    private final Tokenizer tokenizer;
    private final CharacterGrams grams = new CharacterGrams();
    private final LogisticRegression regression = new LogisticRegression();

    public Trainer(TokenStore store) {
        this(store, new Tokenizer());
    }

    public Trainer(TokenStore store, Tokenizer tokenizer) {
        this.store = store;
        this.tokenizer = tokenizer;
    }

    /** Learns {@code message} as spam or ham in {@code scope} ("" for cluster-wide). */
    public void train(ParsedMessage message, boolean spam, String scope) {
        store.learn(scope, tokenizer.tokenize(message), spam);
        step(message, spam, scope);
    }

    /**
     * Takes back an earlier {@link #train} with the same arguments: the counts exactly; the
     * weights, which keep no record of earlier steps, by a step towards the other label.
     */
    public void untrain(ParsedMessage message, boolean spam, String scope) {
        store.unlearn(scope, tokenizer.tokenize(message), spam);
        step(message, !spam, scope);
    }

    private void step(ParsedMessage message, boolean spam, String scope) {
        long[] features = grams.of(message);
        Map<Long, Double> weights =
                ScopedStatistics.weights(store, ScopedStatistics.trainingScopes(scope), features);
        store.addWeights(scope, regression.step(weights, features, spam));
    }
}
