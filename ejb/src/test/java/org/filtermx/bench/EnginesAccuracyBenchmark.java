package org.filtermx.bench;

import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.filter.external.ExternalEngines;
import org.filtermx.infrastructure.filter.external.RspamdScanner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Measures the built-in scanners with rspamd and SpamAssassin on a labelled corpus (see {@code
 * bench/README.md}, "Accuracy with rspamd and SpamAssassin"): the built-in bayes and rspamd's Bayes
 * trained on one half, every test message scanned by the built-in scanners and by the engines that
 * {@code FILTERMX_RSPAMD_URL} and {@code FILTERMX_SPAMD} name, through the gateway's own clients with
 * their default time budgets, and the reasons summed as {@code FilterPipeline} sums them. Prints each
 * engine alone (at FilterMX's thresholds and at its own) and each combination a node could run.
 * Run by {@code ENGINES=1 bench/accuracy/run.sh}, which starts private engines; test scope.
 */
public final class EnginesAccuracyBenchmark {

    private static final double QUARANTINE = FullAccuracyBenchmark.QUARANTINE;
    private static final double REJECT = FullAccuracyBenchmark.REJECT;
    private static final double[] THRESHOLDS = {3, 4, 5, 6, 8};
    private static final int LISTED_HAM = 30;
    private static final int DETAIL_SHOWN = 160;

    /** A set of scanners a node could run, and how its total is summed. */
    private record Configuration(String name, ToDoubleFunction<EngineOutcome> score) {

        boolean held(EngineOutcome o, double threshold) {
            return o.malware() || score.applyAsDouble(o) >= threshold;
        }
    }

    private EnginesAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EnginesAccuracyBenchmark <corpus dir with ham/ and spam/>");
            System.exit(2);
        }
        ExternalEngines engines = ExternalEngines.fromEnvironment();
        if (engines.rspamd().isEmpty() && engines.spamd().isEmpty()) {
            System.err.println("neither FILTERMX_RSPAMD_URL nor FILTERMX_SPAMD is set");
            System.exit(2);
        }
        int threads = intSetting("ENGINES_THREADS", 8);
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        long t0 = System.nanoTime();
        BuiltInScanners builtIn = BuiltInScanners.trainedOn(corpus);
        long t1 = System.nanoTime();
        Optional<RspamdTraining.Result> rspamdTraining = trainRspamd(engines, corpus, threads);
        long t2 = System.nanoTime();
        List<EngineOutcome> outcomes = scan(corpus, builtIn, engines, threads);
        long t3 = System.nanoTime();

        printHeader(corpus, builtIn, engines, rspamdTraining, (t1 - t0) / 1e9, threads);
        long spam = outcomes.stream().filter(EngineOutcome::spam).count();
        System.out.printf(
                Locale.ROOT,
                "  test   : %d ham, %d spam (%.1f s, %d messages at a time)%n",
                outcomes.size() - spam,
                spam,
                (t3 - t2) / 1e9,
                threads);
        printEngineHealth(engines, outcomes);
        for (Configuration c : configurations(engines)) {
            printConfiguration(c, outcomes);
        }
        printOwnThresholds(engines, outcomes);
        Configuration all = configurations(engines).get(configurations(engines).size() - 1);
        printHeldHam(all, outcomes);
    }

    /** The built-in set, each engine alone, and each engine added to the built-in set. */
    private static List<Configuration> configurations(ExternalEngines engines) {
        boolean rspamd = engines.rspamd().isPresent();
        boolean sa = engines.spamd().isPresent();
        List<Configuration> list = new ArrayList<>();
        list.add(new Configuration("built-in scanners alone", EngineOutcome::builtInScore));
        if (rspamd) {
            list.add(new Configuration("rspamd alone", EngineOutcome::rspamdScore));
        }
        if (sa) {
            list.add(new Configuration("SpamAssassin alone", EngineOutcome::spamassassinScore));
        }
        if (rspamd && sa) {
            list.add(
                    new Configuration(
                            "built-in + rspamd",
                            o -> o.builtInScore() + o.rspamdScore()));
            list.add(
                    new Configuration(
                            "built-in + SpamAssassin",
                            o -> o.builtInScore() + o.spamassassinScore()));
        }
        String allName =
                rspamd && sa
                        ? "built-in + rspamd + SpamAssassin"
                        : rspamd ? "built-in + rspamd" : "built-in + SpamAssassin";
        list.add(
                new Configuration(
                        allName,
                        o -> o.builtInScore() + o.rspamdScore() + o.spamassassinScore()));
        return list;
    }

    private static Optional<RspamdTraining.Result> trainRspamd(
            ExternalEngines engines, BenchCorpus corpus, int threads)
            throws InterruptedException {
        if (engines.rspamd().isEmpty() || intSetting("ENGINES_RSPAMD_TRAIN", 1) == 0) {
            return Optional.empty();
        }
        List<BenchCorpus.Message> training = corpus.trainingHalf();
        int limit = intSetting("ENGINES_RSPAMD_TRAIN_LIMIT", training.size());
        // The training order is shuffled, spam and ham mixed, so its first N are a fair subset.
        training = training.subList(0, Math.min(limit, training.size()));
        return Optional.of(RspamdTraining.train(engines.rspamd().get(), training, threads));
    }

    /**
     * Scans the test half: the built-in scanners on this thread (their in-memory token store is
     * not meant for concurrent use, and they take a millisecond), the engines on {@code threads}
     * threads, each message's engines one after the other as the server runs them. Messages in
     * flight at once stand for the SMTP sessions of a busy node.
     */
    private static List<EngineOutcome> scan(
            BenchCorpus corpus, BuiltInScanners builtIn, ExternalEngines engines, int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<EngineOutcome>> pending = new ArrayList<>();
            for (BenchCorpus.Message m : corpus.testHalf()) {
                ParsedMessage parsed = builtIn.parse(m.raw());
                MessageUnderScan message = BuiltInScanners.envelope(m.raw(), parsed);
                ScoreSheet own = builtIn.scan(message);
                pending.add(pool.submit(() -> withEngines(m, message, own, engines)));
            }
            List<EngineOutcome> outcomes = new ArrayList<>();
            for (Future<EngineOutcome> f : pending) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    private static EngineOutcome withEngines(
            BenchCorpus.Message m, MessageUnderScan message, ScoreSheet own, ExternalEngines e) {
        ScoreSheet rspamd = new ScoreSheet();
        ScoreSheet spamassassin = new ScoreSheet();
        double rspamdMillis = timed(e.rspamd(), rspamd, message);
        double spamassassinMillis = timed(e.spamd(), spamassassin, message);
        return new EngineOutcome(
                m.name(),
                m.spam(),
                List.copyOf(own.reasons()),
                own.malware() || rspamd.malware() || spamassassin.malware(),
                List.copyOf(rspamd.reasons()),
                List.copyOf(spamassassin.reasons()),
                rspamdMillis,
                spamassassinMillis);
    }

    private static double timed(
            Optional<? extends Scanner> scanner, ScoreSheet sheet, MessageUnderScan message) {
        if (scanner.isEmpty()) {
            return Double.NaN;
        }
        long start = System.nanoTime();
        sheet.add(scanner.get(), message);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void printHeader(
            BenchCorpus corpus,
            BuiltInScanners builtIn,
            ExternalEngines engines,
            Optional<RspamdTraining.Result> rspamdTraining,
            double builtInSeconds,
            int threads) {
        String names =
                builtIn.scanners().stream().map(Scanner::name).collect(Collectors.joining(", "));
        String external =
                engines.scanners().stream().map(Scanner::name).collect(Collectors.joining(", "));
        System.out.printf(
                Locale.ROOT,
                "FilterMX accuracy with external engines (%s + %s; DNS offline; %s)%n",
                names,
                external,
                corpus.splitName());
        System.out.printf(
                Locale.ROOT,
                "  corpus : %d messages after dropping %d byte-identical copies%n",
                corpus.messages().size(),
                corpus.duplicates());
        int[] trained = builtIn.trained();
        System.out.printf(
                Locale.ROOT,
                "  train  : built-in bayes on %d ham, %d spam (%.1f s)%n",
                trained[0],
                trained[1],
                builtInSeconds);
        if (engines.rspamd().isPresent()) {
            System.out.println(
                    rspamdTraining
                            .map(r -> rspamdTrainingLine(r, threads))
                            .orElse("           rspamd Bayes: not trained (ENGINES_RSPAMD_TRAIN=0)"));
        }
    }

    private static String rspamdTrainingLine(RspamdTraining.Result r, int threads) {
        String line =
                String.format(
                        Locale.ROOT,
                        "           rspamd Bayes through the controller: learned %d ham, %d spam;"
                                + " declined %d; failed %d (%.1f s, %d at a time)",
                        r.learned()[0],
                        r.learned()[1],
                        r.declinedTotal(),
                        r.failed(),
                        r.seconds(),
                        threads);
        for (Map.Entry<String, Integer> d : r.declined().entrySet()) {
            line += String.format(Locale.ROOT, "%n             declined %d: %s", d.getValue(), d.getKey());
        }
        if (r.failed() > 0) {
            line += String.format(Locale.ROOT, "%n             first failure: %s", r.firstFailure());
        }
        return line;
    }

    /** How often each engine did not answer in its budget, and how long it took. */
    private static void printEngineHealth(ExternalEngines engines, List<EngineOutcome> outcomes) {
        System.out.printf(
                Locale.ROOT,
                "%n  engine        down   median     p90     p99     max (ms per check, incl."
                        + " queueing)%n");
        if (engines.rspamd().isPresent()) {
            healthRow("rspamd", outcomes, EngineOutcome::rspamd, EngineOutcome::rspamdMillis);
        }
        if (engines.spamd().isPresent()) {
            healthRow(
                    "spamassassin",
                    outcomes,
                    EngineOutcome::spamassassin,
                    EngineOutcome::spamassassinMillis);
        }
    }

    private static void healthRow(
            String name,
            List<EngineOutcome> outcomes,
            java.util.function.Function<EngineOutcome, List<Reason>> reasons,
            ToDoubleFunction<EngineOutcome> millis) {
        long down = outcomes.stream().filter(o -> EngineOutcome.down(reasons.apply(o))).count();
        double[] sorted = outcomes.stream().mapToDouble(millis).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "  %-12s %5d %8.0f %7.0f %7.0f %7.0f%n",
                name,
                down,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank, as the pipeline benchmark reports. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void printConfiguration(Configuration c, List<EngineOutcome> outcomes) {
        System.out.printf(Locale.ROOT, "%n  %s, FilterMX's thresholds%n", c.name());
        HeldTable.header();
        for (double t : THRESHOLDS) {
            String label = String.format(Locale.ROOT, "total score >= %.1f", t);
            row(t == QUARANTINE ? label + "  (default)" : label, outcomes, o -> c.held(o, t));
        }
        row(
                String.format(Locale.ROOT, "refused: score >= %.1f or malware", REJECT),
                outcomes,
                o -> c.held(o, REJECT));
    }

    /** Each engine judged by its own configuration, as it would be running on its own. */
    private static void printOwnThresholds(ExternalEngines engines, List<EngineOutcome> outcomes) {
        System.out.printf(Locale.ROOT, "%n  each engine by its own thresholds%n");
        HeldTable.header();
        if (engines.rspamd().isPresent()) {
            row(
                    "rspamd: add header, rewrite or reject",
                    outcomes,
                    o -> o.rspamdVerdict().map(EngineVerdict::rspamdMarksSpam).orElse(false));
            double required =
                    outcomes.stream()
                            .flatMap(o -> o.rspamdVerdict().stream())
                            .mapToDouble(EngineVerdict::required)
                            .findFirst()
                            .orElse(Double.NaN);
            row(
                    String.format(Locale.ROOT, "rspamd: reject (score >= %.1f)", required),
                    outcomes,
                    o -> o.rspamdVerdict().map(EngineVerdict::rspamdRejects).orElse(false));
        }
        if (engines.spamd().isPresent()) {
            double required =
                    outcomes.stream()
                            .flatMap(o -> o.spamassassinVerdict().stream())
                            .mapToDouble(EngineVerdict::required)
                            .findFirst()
                            .orElse(Double.NaN);
            row(
                    String.format(Locale.ROOT, "SpamAssassin: score >= required %.1f", required),
                    outcomes,
                    o ->
                            o.spamassassinVerdict()
                                    .map(EngineVerdict::spamByOwnThreshold)
                                    .orElse(false));
        }
    }

    private static void row(
            String label, List<EngineOutcome> outcomes, Predicate<EngineOutcome> held) {
        HeldTable.row(label, outcomes, EngineOutcome::spam, held);
    }

    private static void printHeldHam(Configuration c, List<EngineOutcome> outcomes) {
        List<EngineOutcome> held =
                outcomes.stream()
                        .filter(o -> !o.spam() && c.held(o, QUARANTINE))
                        .sorted(
                                Comparator.comparingDouble((EngineOutcome o) -> c.score().applyAsDouble(o))
                                        .reversed())
                        .toList();
        System.out.printf(
                Locale.ROOT,
                "%n  ham held by %s at %.1f, highest total first (file, total = built-in + rspamd +"
                        + " SpamAssassin; scored reasons)%n",
                c.name(),
                QUARANTINE);
        for (EngineOutcome o : held.subList(0, Math.min(LISTED_HAM, held.size()))) {
            String reasons =
                    o.allReasons().stream()
                            .filter(r -> r.score() != 0)
                            .map(EnginesAccuracyBenchmark::describe)
                            .collect(Collectors.joining("; "));
            System.out.printf(
                    Locale.ROOT,
                    "    %-52s %5.1f = %4.1f + %4.1f + %4.1f  %s%n",
                    o.name(),
                    c.score().applyAsDouble(o),
                    o.builtInScore(),
                    o.rspamdScore(),
                    o.spamassassinScore(),
                    reasons);
        }
        if (held.size() > LISTED_HAM) {
            System.out.printf(Locale.ROOT, "    ... and %d more%n", held.size() - LISTED_HAM);
        }
    }

    /** A reason with the engines' details cut short: rspamd's lists its weightiest symbols. */
    private static String describe(Reason r) {
        String text = String.format(Locale.ROOT, "%s %+.1f", r.rule(), r.score());
        if (r.rule().equals(EngineVerdict.RSPAMD) || r.rule().equals(EngineVerdict.SPAMASSASSIN)) {
            String detail = r.detail();
            text += " (" + (detail.length() > DETAIL_SHOWN
                    ? detail.substring(0, DETAIL_SHOWN) + "..."
                    : detail) + ")";
        }
        return text;
    }

    private static int intSetting(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }
}
