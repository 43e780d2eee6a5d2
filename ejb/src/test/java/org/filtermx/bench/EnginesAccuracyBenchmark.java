package org.filtermx.bench;

import java.nio.file.Files;
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
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.filter.external.ExternalEngines;

/**
 * Measures the built-in scanners with rspamd and SpamAssassin on a labelled corpus (see {@code
 * bench/README.md}, "Accuracy with rspamd and SpamAssassin"), with the split of {@link BenchCorpus}
 * (by delivery time unless {@code SPLIT=random}): the built-in bayes and rspamd's Bayes trained on
 * the training part (SpamAssassin's by {@code sa-learn} on the same part, see {@link
 * TrainingHalfExport}); every validation and test message, and the hand-written modern set when
 * given, scanned by the built-in scanners and by the engines that {@code FILTERMX_RSPAMD_URL} and
 * {@code FILTERMX_SPAMD} name, through the gateway's own clients with their default time budgets,
 * and the reasons fused (ADR 0019) and summed as {@code FilterPipeline} does. Prints, per source,
 * each engine alone and each combination a node could run at the default quarantine threshold and
 * at the threshold the validation part chooses, against the goal of issue 12; then the test part at
 * FilterMX's thresholds and at each engine's own. Run by {@code ENGINES=1 bench/accuracy/run.sh},
 * which starts private engines; test scope.
 */
public final class EnginesAccuracyBenchmark {

    private static final double QUARANTINE = FullAccuracyBenchmark.QUARANTINE;
    private static final double REJECT = FullAccuracyBenchmark.REJECT;
    private static final double[] THRESHOLDS = {3, 4, 5, 6, 8};
    private static final int LISTED_HAM = 30;
    private static final int DETAIL_SHOWN = 160;
    private static final int TOP_REASONS = 8;

    /**
     * A set of scanners a node could run, how its total is summed, which reasons are its own, and
     * the goal it is judged by.
     */
    private record Configuration(
            String name,
            ToDoubleFunction<EngineOutcome> score,
            java.util.function.Function<EngineOutcome, List<Reason>> reasons,
            AccuracyReport.Goal goal) {

        boolean held(EngineOutcome o, double threshold) {
            return o.malware() || score.applyAsDouble(o) >= threshold;
        }

        List<Scored> scored(List<EngineOutcome> outcomes) {
            return outcomes.stream()
                    .map(
                            o ->
                                    new Scored(
                                            o.name(),
                                            o.spam(),
                                            score.applyAsDouble(o),
                                            o.malware(),
                                            reasons.apply(o)))
                    .toList();
        }
    }

    private EnginesAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println(
                    "usage: EnginesAccuracyBenchmark <corpus dir with ham/ and spam/> [modern set"
                            + " dir]");
            System.exit(2);
        }
        ExternalEngines engines = ExternalEngines.fromEnvironment();
        if (engines.rspamd().isEmpty() && engines.spamd().isEmpty()) {
            System.err.println("neither FILTERMX_RSPAMD_URL nor FILTERMX_SPAMD is set");
            System.exit(2);
        }
        int threads = intSetting("ENGINES_THREADS", 8);
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        BenchCorpus modern =
                args.length == 2 && Files.isDirectory(Path.of(args[1]))
                        ? BenchCorpus.heldOut(Path.of(args[1]))
                        : null;
        long t0 = System.nanoTime();
        BuiltInScanners builtIn = BuiltInScanners.trainedOn(corpus);
        long t1 = System.nanoTime();
        Optional<RspamdTraining.Result> rspamdTraining = trainRspamd(engines, corpus, threads);
        long t2 = System.nanoTime();
        List<EngineOutcome> validation = scan(corpus.validation(), builtIn, engines, threads);
        List<EngineOutcome> outcomes = scan(corpus.test(), builtIn, engines, threads);
        List<EngineOutcome> modernOutcomes =
                modern == null ? List.of() : scan(modern.test(), builtIn, engines, threads);
        long t3 = System.nanoTime();

        printHeader(corpus, modern, builtIn, engines, rspamdTraining, (t1 - t0) / 1e9, threads);
        System.out.printf(
                Locale.ROOT,
                "  scan   : %d validation, %d test, %d modern messages (%.1f s, %d at a time)%n",
                validation.size(),
                outcomes.size(),
                modernOutcomes.size(),
                (t3 - t2) / 1e9,
                threads);
        System.out.printf(
                Locale.ROOT,
                "  validation threshold: per configuration, the lowest total (0.1 steps) holding"
                        + " no more validation ham than its goal allows%n");
        List<Configuration> configurations = configurations(engines);
        String testTitle =
                corpus.splitName().startsWith("RANDOM")
                        ? "SpamAssassin public corpus, test part of the RANDOM split (memory, not"
                                + " filtering)"
                        : "SpamAssassin public corpus, test part (newest mail, time split)";
        table(testTitle, configurations, validation, outcomes);
        if (modern != null) {
            table(
                    "modern set (hand-written held-out 2020s mail, bench/accuracy/modern)",
                    configurations,
                    validation,
                    modernOutcomes);
        }
        table(
                "validation part (thresholds chosen here; not a test)",
                configurations,
                validation,
                validation);

        System.out.printf(Locale.ROOT, "%n== details on the test part%n");
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
        AccuracyReport.Goal withEngines = AccuracyReport.ENGINES_GOAL;
        list.add(
                new Configuration(
                        "built-in scanners alone",
                        EngineOutcome::builtInScore,
                        EngineOutcome::builtIn,
                        AccuracyReport.BUILT_IN_GOAL));
        if (rspamd) {
            list.add(
                    new Configuration(
                            "rspamd alone",
                            EngineOutcome::rspamdScore,
                            EngineOutcome::rspamd,
                            withEngines));
        }
        if (sa) {
            list.add(
                    new Configuration(
                            "SpamAssassin alone",
                            EngineOutcome::spamassassinScore,
                            EngineOutcome::spamassassin,
                            withEngines));
        }
        if (rspamd && sa) {
            list.add(
                    new Configuration(
                            "built-in + rspamd",
                            o -> o.builtInScore() + o.rspamdScore(),
                            o -> concat(o.builtIn(), o.rspamd()),
                            withEngines));
            list.add(
                    new Configuration(
                            "built-in + SpamAssassin",
                            o -> o.builtInScore() + o.spamassassinScore(),
                            o -> concat(o.builtIn(), o.spamassassin()),
                            withEngines));
        }
        String allName =
                rspamd && sa
                        ? "built-in + rspamd + SpamAssassin"
                        : rspamd ? "built-in + rspamd" : "built-in + SpamAssassin";
        list.add(
                new Configuration(
                        allName,
                        o -> o.builtInScore() + o.rspamdScore() + o.spamassassinScore(),
                        EngineOutcome::allReasons,
                        withEngines));
        return list;
    }

    private static List<Reason> concat(List<Reason> a, List<Reason> b) {
        List<Reason> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * One source's table: each configuration at the default threshold and at the one its validation
     * scores choose, then the totals' distribution, the built-in BAYES_* bands and the rules behind
     * the full configuration's mistakes.
     */
    private static void table(
            String source,
            List<Configuration> configurations,
            List<EngineOutcome> validation,
            List<EngineOutcome> outcomes) {
        List<AccuracyReport.Row> rows =
                configurations.stream()
                        .map(
                                c ->
                                        new AccuracyReport.Row(
                                                c.name(),
                                                c.scored(outcomes),
                                                AccuracyReport.validationThreshold(
                                                        c.scored(validation), c.goal()),
                                                c.goal()))
                        .toList();
        AccuracyReport.table(source, QUARANTINE, rows);
        AccuracyReport.scoreHistogram(rows);
        AccuracyReport.bayesBands(rows.subList(0, 1));
        AccuracyReport.Row all = rows.get(rows.size() - 1);
        AccuracyReport.topReasons(
                all.configuration() + ": spam missed at " + QUARANTINE,
                all.items(),
                o -> o.spam() && !o.held(QUARANTINE),
                TOP_REASONS);
        AccuracyReport.topReasons(
                all.configuration() + ": ham held at " + QUARANTINE,
                all.items(),
                o -> !o.spam() && o.held(QUARANTINE),
                TOP_REASONS);
    }

    private static Optional<RspamdTraining.Result> trainRspamd(
            ExternalEngines engines, BenchCorpus corpus, int threads) throws InterruptedException {
        if (engines.rspamd().isEmpty() || intSetting("ENGINES_RSPAMD_TRAIN", 1) == 0) {
            return Optional.empty();
        }
        List<BenchCorpus.Message> training = corpus.training();
        int limit = intSetting("ENGINES_RSPAMD_TRAIN_LIMIT", training.size());
        // The training order is shuffled, spam and ham mixed, so its first N are a fair subset.
        training = training.subList(0, Math.min(limit, training.size()));
        return Optional.of(RspamdTraining.train(engines.rspamd().get(), training, threads));
    }

    /**
     * Scans {@code messages}: the built-in scanners on this thread (their in-memory token store is
     * not meant for concurrent use, and they take a millisecond), the engines on {@code threads}
     * threads, each message's engines one after the other as the server runs them. Messages in
     * flight at once stand for the SMTP sessions of a busy node.
     */
    private static List<EngineOutcome> scan(
            List<BenchCorpus.Message> messages,
            BuiltInScanners builtIn,
            ExternalEngines engines,
            int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<EngineOutcome>> pending = new ArrayList<>();
            for (BenchCorpus.Message m : messages) {
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
                List.copyOf(own.fused()),
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
            BenchCorpus modern,
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
                "FilterMX accuracy with external engines (%s + %s; DNS offline)%n",
                names,
                external);
        FullAccuracyBenchmark.printSplit(corpus, modern);
        int[] trained = builtIn.trained();
        System.out.printf(
                Locale.ROOT,
                "  train  : built-in bayes on %d ham, %d spam of the training part (%.1f s)%n",
                trained[0],
                trained[1],
                builtInSeconds);
        if (engines.rspamd().isPresent()) {
            System.out.println(
                    rspamdTraining
                            .map(r -> rspamdTrainingLine(r, threads))
                            .orElse(
                                    "           rspamd Bayes: not trained (ENGINES_RSPAMD_TRAIN=0)"));
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
        // rspamd names the message it declines; grouped without the Message-ID, the reasons fit.
        Map<String, Integer> grouped = new java.util.TreeMap<>();
        r.declined()
                .forEach(
                        (k, v) -> grouped.merge(k.replaceAll("<[^<>]*>", "<id>"), v, Integer::sum));
        for (Map.Entry<String, Integer> d : grouped.entrySet()) {
            line +=
                    String.format(
                            Locale.ROOT,
                            "%n             declined %d: %s",
                            d.getValue(),
                            d.getKey());
        }
        if (r.failed() > 0) {
            line +=
                    String.format(
                            Locale.ROOT, "%n             first failure: %s", r.firstFailure());
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
                                Comparator.comparingDouble(
                                                (EngineOutcome o) -> c.score().applyAsDouble(o))
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
            text +=
                    " ("
                            + (detail.length() > DETAIL_SHOWN
                                    ? detail.substring(0, DETAIL_SHOWN) + "..."
                                    : detail)
                            + ")";
        }
        return text;
    }

    private static int intSetting(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }
}
