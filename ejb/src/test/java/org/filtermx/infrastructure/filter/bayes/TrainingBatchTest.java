package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch learns what the same messages trained one at a time learn: the same counts and totals in
 * every scope, the same weights up to the order of the additions; nothing reaches the database
 * before the commit, and training can still be taken back afterwards.
 */
class TrainingBatchTest {

    private static final String[] WORDS = {
        "cheap", "pills", "offer", "meeting", "minutes", "release", "invoice", "account", "verify",
        "winner", "lottery", "agenda", "review", "friday", "schedule", "discount", "casino",
                "urgent",
        "password", "report", "budget", "holiday", "viagra", "crypto", "bonus", "team", "lunch"
    };

    private JdbcDataSource one;
    private JdbcDataSource batched;
    private final List<ParsedMessage> messages = new ArrayList<>();
    private final List<Boolean> labels = new ArrayList<>();
    private final List<String> scopes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        one = database();
        batched = database();
        Random random = new Random(20261203);
        for (int i = 0; i < 48; i++) {
            boolean spam = random.nextBoolean();
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                body.append(WORDS[random.nextInt(spam ? WORDS.length : WORDS.length / 2)])
                        .append(w % 8 == 7 ? "\n" : " ");
            }
            messages.add(
                    TestMessages.parse(
                            "From: sender"
                                    + random.nextInt(5)
                                    + "@example.test\nSubject: "
                                    + WORDS[random.nextInt(WORDS.length)]
                                    + " number "
                                    + i
                                    + "\n\n"
                                    + body));
            labels.add(spam);
            scopes.add(i % 3 == 0 ? "customer.test" : TokenStore.GLOBAL);
        }
    }

    private static JdbcDataSource database() throws Exception {
        return BayesTestDatabase.create("batch");
    }

    private void trainOneAtATime(TokenStore store) {
        Trainer trainer = new Trainer(store);
        for (int i = 0; i < messages.size(); i++) {
            trainer.train(messages.get(i), labels.get(i), scopes.get(i));
        }
    }

    private void trainInBatches(TokenStore store, int size) {
        Trainer shared = new Trainer(store);
        for (int from = 0; from < messages.size(); from += size) {
            TrainingBatch batch = new TrainingBatch(store);
            Trainer trainer = shared.writingTo(batch);
            for (int i = from; i < Math.min(messages.size(), from + size); i++) {
                trainer.train(messages.get(i), labels.get(i), scopes.get(i));
            }
            batch.commit();
        }
    }

    private static Map<Long, String> counts(JdbcTokenStore store, String scope) {
        Map<Long, String> counts = new HashMap<>();
        long[] totals = store.forEachCount(scope, null, (h, s, hm) -> counts.put(h, s + "/" + hm));
        counts.put(Long.MIN_VALUE, "totals " + totals[0] + "/" + totals[1]);
        return counts;
    }

    private static Map<Long, Double> weights(JdbcTokenStore store, String scope) {
        Map<Long, Double> weights = new HashMap<>();
        store.forEachWeight(scope, null, weights::put);
        return weights;
    }

    private void assertSameTraining(JdbcTokenStore expected, JdbcTokenStore actual) {
        for (String scope : List.of(TokenStore.GLOBAL, "customer.test")) {
            Map<Long, String> counts = counts(expected, scope);
            assertThat(counts).hasSizeGreaterThan(10);
            assertThat(counts(actual, scope)).as("counts in '" + scope + "'").isEqualTo(counts);
            Map<Long, Double> w = weights(expected, scope);
            Map<Long, Double> got = weights(actual, scope);
            assertThat(got.keySet())
                    .as("weighted features in '" + scope + "'")
                    .isEqualTo(w.keySet());
            w.forEach((f, v) -> assertThat(got.get(f)).isCloseTo(v, within(1e-9)));
        }
    }

    @Test
    void aBatchLearnsWhatOneAtATimeLearns() {
        JdbcTokenStore expected = new JdbcTokenStore(one);
        trainOneAtATime(expected);
        JdbcTokenStore actual = new JdbcTokenStore(batched);
        trainInBatches(actual, 20);
        assertSameTraining(expected, actual);
    }

    @Test
    void aBatchOverTheCachedStoreLearnsTheSame() {
        JdbcTokenStore expected = new JdbcTokenStore(one);
        trainOneAtATime(expected);
        JdbcTokenStore database = new JdbcTokenStore(batched);
        CachedWeightStore cached = new CachedWeightStore(database, Duration.ofHours(1));
        trainInBatches(cached, 15);
        assertSameTraining(expected, database);
        // The copy was brought up to date by adding the batches, not by reading them back.
        long[] features =
                weights(database, "").keySet().stream().mapToLong(Long::longValue).toArray();
        Map<Long, Double> copy = cached.weights("", features);
        weights(database, "").forEach((f, v) -> assertThat(copy.get(f)).isCloseTo(v, within(1e-9)));
    }

    @Test
    void nothingIsWrittenBeforeTheCommit() {
        JdbcTokenStore store = new JdbcTokenStore(batched);
        TrainingBatch batch = new TrainingBatch(store);
        new Trainer(batch).train(messages.get(0), true, TokenStore.GLOBAL);
        assertThat(batch.messages()).isEqualTo(1);
        assertThat(weights(store, "")).isEmpty();
        assertThat(counts(store, "")).containsOnlyKeys(Long.MIN_VALUE);
        batch.commit();
        assertThat(weights(store, "")).isNotEmpty();
        assertThat(counts(store, "")).containsEntry(Long.MIN_VALUE, "totals 1/0");
    }

    @Test
    void trainingFromABatchCanBeTakenBack() {
        JdbcTokenStore expected = new JdbcTokenStore(one);
        trainOneAtATime(expected);
        JdbcTokenStore actual = new JdbcTokenStore(batched);
        trainInBatches(actual, 48);
        String scope = scopes.get(5);
        TokenStatistics before = actual.counts(scope, List.of());
        new Trainer(expected).untrain(messages.get(5), labels.get(5), scope);
        new Trainer(actual).untrain(messages.get(5), labels.get(5), scope);
        assertSameTraining(expected, actual);
        TokenStatistics after = actual.counts(scope, List.of());
        assertThat(after.spamMessages() + after.hamMessages())
                .isEqualTo(before.spamMessages() + before.hamMessages() - 1);
    }
}
