package org.filtermx.infrastructure.filter.bayes;

import java.util.Map;
import java.util.Set;
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
        train(prepare(message), spam, scope);
    }

    /** A message's tokens and features, taken apart before anything is learnt. */
    public record Lesson(Set<String> tokens, long[] features) {}

    /**
     * Takes {@code message} apart for {@link #train(Lesson, boolean, String)}: whatever fails in
     * the message's text fails here, before the store has learnt any of it.
     */
    public Lesson prepare(ParsedMessage message) {
        return new Lesson(tokenizer.tokenize(message), grams.of(message));
    }

    /** Learns a prepared message as spam or ham in {@code scope}. */
    public void train(Lesson lesson, boolean spam, String scope) {
        store.learn(scope, lesson.tokens(), spam);
        step(lesson.features(), spam, scope);
    }

    /**
     * This trainer's tokenizer and learners writing to {@code other}, e.g. a {@link TrainingBatch}.
     */
    public Trainer writingTo(TokenStore other) {
        return new Trainer(other, tokenizer);
    }

    /**
     * Takes back an earlier {@link #train} with the same arguments: the counts exactly; the
     * weights, which keep no record of earlier steps, by a step towards the other label.
     */
    public void untrain(ParsedMessage message, boolean spam, String scope) {
        store.unlearn(scope, tokenizer.tokenize(message), spam);
        step(grams.of(message), !spam, scope);
    }

    private void step(long[] features, boolean spam, String scope) {
        Map<Long, Double> weights =
                ScopedStatistics.weights(store, ScopedStatistics.trainingScopes(scope), features);
        store.addWeights(scope, regression.step(weights, features, spam));
    }
}
