package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * Teaches the classifier: adds a message's tokens to one scope's spam or ham counts, or takes back
 * a message trained with the wrong label. Each call trains exactly the scope it names; a message
 * reported by a domain's user goes to that domain ({@link TokenStore#GLOBAL} is for the operator's
 * own training), since the scanner adds domain counts to the global ones and training both would
 * count the message twice.
 */
public final class Trainer {

    private final TokenStore store;
    private final Tokenizer tokenizer;

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
    }

    /** Takes back an earlier {@link #train} with the same arguments. */
    public void untrain(ParsedMessage message, boolean spam, String scope) {
        store.unlearn(scope, tokenizer.tokenize(message), spam);
    }
}
