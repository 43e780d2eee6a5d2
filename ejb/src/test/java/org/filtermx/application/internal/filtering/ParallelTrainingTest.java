package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.filter.BatchTraining;
import org.filtermx.infrastructure.filter.FilterEngines;
import org.filtermx.infrastructure.filter.bayes.BayesScanner;
import org.filtermx.infrastructure.filter.bayes.BayesTestDatabase;
import org.filtermx.infrastructure.filter.bayes.JdbcTokenStore;
import org.filtermx.infrastructure.filter.bayes.Trainer;
import org.filtermx.infrastructure.filter.content.HeaderSanityScanner;
import org.filtermx.infrastructure.filter.content.HeaderSanitySettings;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;
import org.filtermx.infrastructure.mime.MimeMessageParser;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages taken apart on several threads are learnt exactly as when each is taken apart just
 * before it is learnt: the same token counts and totals, the same classifier weights and the same
 * fusion increments, bit for bit, in every scope.
 */
class ParallelTrainingTest {

    private static final String TENANT = "tenant.example";
    private static final String[] SPAM_WORDS = {
        "pills", "casino", "winner", "offer", "bonus", "cheap", "viagra", "loan", "free", "click"
    };
    private static final String[] HAM_WORDS = {
        "meeting", "agenda", "report", "minutes", "draft", "review", "budget", "team", "free",
        "call"
    };

    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void takingMessagesApartInParallelLearnsWhatTheSequentialPathLearns() throws Exception {
        List<ClassifierTraining.Lesson> lessons = lessons(new Random(20261204), 900);
        JdbcTokenStore sequential = new JdbcTokenStore(database());
        JdbcTokenStore parallel = new JdbcTokenStore(database());

        List<String> sequentialErrors = train(sequential, null, lessons);
        List<String> parallelErrors = train(parallel, pool, lessons);

        assertThat(parallelErrors).isEqualTo(sequentialErrors).containsOnlyNulls();
        assertThat(counts(sequential, "").get(Long.MIN_VALUE))
                .as("enough cluster-wide training that bayes spoke in the later scans")
                .matches(t -> Integer.parseInt(t.split("[ /]")[1]) >= BayesScanner.MIN_TRAINED)
                .matches(t -> Integer.parseInt(t.split("[ /]")[2]) >= BayesScanner.MIN_TRAINED);
        for (String scope : List.of("", TENANT, LearnedScoreFusion.SCOPE)) {
            Map<Long, String> counts = counts(sequential, scope);
            Map<Long, Double> weights = weights(sequential, scope);
            if (!scope.equals(LearnedScoreFusion.SCOPE)) {
                assertThat(counts).as("counts learnt in '%s'", scope).hasSizeGreaterThan(20);
            }
            assertThat(weights).as("weights learnt in '%s'", scope).isNotEmpty();
            assertThat(counts(parallel, scope)).as("counts in '%s'", scope).isEqualTo(counts);
            assertThat(weights(parallel, scope)).as("weights in '%s'", scope).isEqualTo(weights);
        }
    }

    /** Lessons of spam and ham, cluster-wide and for one domain, some with HTML bodies. */
    private static List<ClassifierTraining.Lesson> lessons(Random random, int n) {
        List<ClassifierTraining.Lesson> lessons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean spam = random.nextBoolean();
            String[] words = spam ? SPAM_WORDS : HAM_WORDS;
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 30 + random.nextInt(60); w++) {
                body.append(words[random.nextInt(words.length)])
                        .append(random.nextInt(9) == 0 ? "\n" : " ");
            }
            boolean html = random.nextInt(4) == 0;
            String message =
                    "From: Sender "
                            + random.nextInt(20)
                            + " <s"
                            + random.nextInt(20)
                            + "@sender"
                            + random.nextInt(5)
                            + ".example>\nTo: user@example.com\nSubject: "
                            + words[random.nextInt(words.length)]
                            + " "
                            + i
                            + "\nDate: Wed, 02 Dec 2026 10:00:00 +0000\n"
                            + (random.nextInt(5) == 0 ? "" : "Message-ID: <" + i + "@x.example>\n")
                            + (html ? "Content-Type: text/html; charset=utf-8\n" : "")
                            + "\n"
                            + (html ? "<html><body><p>" + body + "</p></body></html>" : body);
            lessons.add(
                    new ClassifierTraining.Lesson(
                            message.getBytes(StandardCharsets.UTF_8),
                            spam,
                            i % 5 == 4 ? TENANT : ""));
        }
        return lessons;
    }

    /** Trains in batches of 200, as bulk uploads do in batches of 1,000. */
    private static List<String> train(
            JdbcTokenStore store,
            ExecutorService executor,
            List<ClassifierTraining.Lesson> lessons) {
        Trainer trainer = new Trainer(store);
        LearnedScoreFusion fusion = LearnedScoreFusion.shipped(store);
        List<Scanner> scanners =
                List.of(
                        new HeaderSanityScanner(HeaderSanitySettings.defaults()),
                        new BayesScanner(store));
        MimeMessageParser parser = MimeMessageParser.withDefaults();
        FilterEngines engines =
                new FilterEngines() {
                    @Override
                    public ParsedMessage parse(byte[] raw) {
                        return parser.parse(raw);
                    }

                    @Override
                    public Optional<ExternalLearner> externalLearner() {
                        return Optional.empty();
                    }

                    @Override
                    public TrainingRun startTraining() {
                        return new BatchTraining(store, trainer, fusion, scanners, this::parse);
                    }
                };
        ClassifierTraining training = new ClassifierTraining(engines, executor);
        List<String> errors = new ArrayList<>();
        for (int from = 0; from < lessons.size(); from += 200) {
            errors.addAll(
                    training.learnAll(
                            lessons.subList(from, Math.min(lessons.size(), from + 200)), false));
        }
        return errors;
    }

    private static JdbcDataSource database() throws Exception {
        return BayesTestDatabase.create("parallel");
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
}
