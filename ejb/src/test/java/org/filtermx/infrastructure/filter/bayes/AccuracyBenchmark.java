package org.filtermx.infrastructure.filter.bayes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.filtermx.bench.BenchCorpus;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/**
 * Measures the {@code bayes} scanner alone on a labelled corpus (see {@code bench/README.md}):
 * trains an in-memory store on the training part of {@link BenchCorpus}' split (by delivery time
 * unless {@code SPLIT=random}), scans the test part, and prints how much spam it catches and how
 * much ham it would hold, at the quarantine score and at several probability thresholds. Run by
 * {@code bench/accuracy/run.sh}, after {@link org.filtermx.bench.FullAccuracyBenchmark} has
 * measured every built-in scanner together; test scope, so it never ships.
 */
public final class AccuracyBenchmark {

    /** The default quarantine threshold a message's total score is held at. */
    static final double QUARANTINE_SCORE = 5.0;

    private static final double[] PROBABILITIES = {0.5, 0.9, 0.99};
    private static final String DOMAIN = "bench.test";

    /** The outcome of one test message. */
    private record Outcome(
            boolean spam,
            double probability,
            double chiSquare,
            double regression,
            double score,
            BayesBand band) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: AccuracyBenchmark <corpus dir with ham/ and spam/>");
            System.exit(2);
        }
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        MimeMessageParser parser = MimeMessageParser.withDefaults();
        InMemoryTokenStore store = new InMemoryTokenStore();
        Trainer trainer = new Trainer(store);
        BayesScanner scanner = new BayesScanner(store);

        long t0 = System.nanoTime();
        int[] trained = new int[2];
        for (BenchCorpus.Message m : corpus.training()) {
            trainer.train(parser.parse(m.raw()), m.spam(), TokenStore.GLOBAL);
            trained[m.spam() ? 1 : 0]++;
        }
        long t1 = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> falsePositives = new ArrayList<>();
        for (BenchCorpus.Message m : corpus.test()) {
            ParsedMessage parsed = parser.parse(m.raw());
            List<Reason> reasons = scanner.scan(underScan(m.raw(), parsed)).reasons();
            double p = scanner.spamProbability(parsed, DOMAIN);
            double[] learners = scanner.learnerProbabilities(parsed, DOMAIN);
            double score = reasons.stream().mapToDouble(Reason::score).sum();
            outcomes.add(
                    new Outcome(m.spam(), p, learners[0], learners[1], score, BayesBand.of(p)));
            if (!m.spam() && score >= QUARANTINE_SCORE) {
                falsePositives.add(String.format(Locale.ROOT, "%s (%.4f)", m.name(), p));
            }
        }
        long t2 = System.nanoTime();
        print(corpus, trained, outcomes, falsePositives, t1 - t0, t2 - t1);
    }

    private static MessageUnderScan underScan(byte[] raw, ParsedMessage parsed) {
        return new MessageUnderScan(
                "192.0.2.1",
                "bench.client.test",
                "",
                List.of("user@" + DOMAIN),
                DOMAIN,
                raw,
                parsed);
    }

    private static void print(
            BenchCorpus corpus,
            int[] trained,
            List<Outcome> outcomes,
            List<String> falsePositives,
            long trainNanos,
            long testNanos) {
        long spam = outcomes.stream().filter(Outcome::spam).count();
        long ham = outcomes.size() - spam;
        System.out.printf(
                Locale.ROOT,
                "FilterMX bayes scanner accuracy (scanner alone; %s)%n",
                corpus.splitName());
        System.out.printf(
                Locale.ROOT,
                "  corpus : %d messages after dropping %d byte-identical copies%n",
                corpus.messages().size(),
                corpus.duplicates());
        System.out.printf(
                Locale.ROOT,
                "  train  : %d ham, %d spam  (%.1f ms/message)%n",
                trained[0],
                trained[1],
                trainNanos / 1e6 / (trained[0] + trained[1]));
        System.out.printf(
                Locale.ROOT,
                "  test   : %d ham, %d spam  (%.1f ms/message, parse + 3 x classify)%n%n",
                ham,
                spam,
                testNanos / 1e6 / outcomes.size());
        System.out.printf(
                Locale.ROOT, "  %-32s %22s %22s%n", "held when", "spam caught", "ham held (FP)");
        row("bayes score >= " + QUARANTINE_SCORE, outcomes, o -> o.score() >= QUARANTINE_SCORE);
        for (double t : PROBABILITIES) {
            row("spam probability >= " + t, outcomes, o -> o.probability() >= t);
        }
        for (double t : PROBABILITIES) {
            row("  chi-square alone >= " + t, outcomes, o -> o.chiSquare() >= t);
        }
        for (double t : PROBABILITIES) {
            row("  regression alone >= " + t, outcomes, o -> o.regression() >= t);
        }
        System.out.printf(Locale.ROOT, "%n  %-10s %7s %7s%n", "band", "ham", "spam");
        Map<BayesBand, int[]> bands = new EnumMap<>(BayesBand.class);
        for (Outcome o : outcomes) {
            bands.computeIfAbsent(o.band(), b -> new int[2])[o.spam() ? 1 : 0]++;
        }
        bands.forEach(
                (band, n) -> System.out.printf(Locale.ROOT, "  %-10s %7d %7d%n", band, n[0], n[1]));
        System.out.printf(Locale.ROOT, "%n  ham held at score >= %.1f:%n", QUARANTINE_SCORE);
        falsePositives.forEach(f -> System.out.println("    " + f));
    }

    private static void row(String label, List<Outcome> outcomes, Predicate<Outcome> held) {
        long spam = outcomes.stream().filter(Outcome::spam).count();
        long ham = outcomes.size() - spam;
        long caught = outcomes.stream().filter(o -> o.spam() && held.test(o)).count();
        long fp = outcomes.stream().filter(o -> !o.spam() && held.test(o)).count();
        System.out.printf(
                Locale.ROOT,
                "  %-32s %7.2f %% %5d/%-5d %7.2f %% %5d/%-5d%n",
                label,
                100.0 * caught / spam,
                caught,
                spam,
                100.0 * fp / ham,
                fp,
                ham);
    }
}
