package org.filtermx.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;

/**
 * Measures the built-in scanners together (see {@code bench/README.md}, "Accuracy"): every scanner
 * {@link BuiltInScanners} lists, reason scores fused (ADR 0019) and summed as the server's pipeline
 * does, on two sources of mail the training never saw: the test part of the SpamAssassin public
 * corpus, split by delivery time ({@link BenchCorpus}), and the team's hand-written modern set, if
 * given. Each twice: as a new node has them (bayes untrained, day one) and with bayes trained on
 * the training part. For each it prints spam and ham held at the default quarantine threshold and
 * at the threshold the validation part chooses, against the goal of issue 12, the distribution of
 * totals and of {@code BAYES_*} bands, and the rules behind the mistakes. Nothing is trained or
 * tuned on a test message. Run by {@code bench/accuracy/run.sh}; test scope, so it never ships.
 */
public final class FullAccuracyBenchmark {

    static final double QUARANTINE = FilterPolicy.DEFAULTS.quarantineThreshold();
    static final double REJECT = FilterPolicy.DEFAULTS.rejectThreshold();

    private static final int TOP_REASONS = 8;
    private static final int LISTED = 20;

    /** A configuration scanned over the validation part, the test part and the modern set. */
    private record Run(
            String name, List<Scored> validation, List<Scored> test, List<Scored> modern) {

        double threshold() {
            return AccuracyReport.validationThreshold(validation, AccuracyReport.BUILT_IN_GOAL);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println(
                    "usage: FullAccuracyBenchmark <corpus dir with ham/ and spam/>"
                            + " [modern set dir]");
            System.exit(2);
        }
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        BenchCorpus modern =
                args.length == 2 && Files.isDirectory(Path.of(args[1]))
                        ? BenchCorpus.heldOut(Path.of(args[1]))
                        : null;
        long t0 = System.nanoTime();
        BuiltInScanners dayOne = BuiltInScanners.untrained();
        BuiltInScanners trained = BuiltInScanners.trainedOn(corpus);
        long t1 = System.nanoTime();
        List<Run> runs =
                List.of(
                        run("built-in, day one (untrained)", dayOne, corpus, modern),
                        run("built-in, bayes trained", trained, corpus, modern));
        long t2 = System.nanoTime();

        String names =
                trained.scanners().stream().map(Scanner::name).collect(Collectors.joining(", "));
        System.out.printf(
                Locale.ROOT, "FilterMX built-in filter accuracy (%s; DNS offline)%n", names);
        printSplit(corpus, modern);
        int[] counts = trained.trained();
        System.out.printf(
                Locale.ROOT,
                "  train  : bayes on %d ham, %d spam of the training part (%.1f s); day one:"
                        + " nothing%n",
                counts[0],
                counts[1],
                (t1 - t0) / 1e9);
        int scanned =
                runs.stream()
                        .mapToInt(r -> r.validation().size() + r.test().size() + r.modern().size())
                        .sum();
        System.out.printf(
                Locale.ROOT,
                "  scan   : %.1f ms/message, parse + every scanner%n",
                (t2 - t1) / 1e6 / Math.max(1, scanned));
        System.out.printf(
                Locale.ROOT,
                "  validation threshold: the lowest total (0.1 steps) holding <= %.1f %% of the"
                        + " validation ham; never chosen on a test message%n",
                AccuracyReport.BUILT_IN_GOAL.ham() * 100);

        String corpusTest =
                corpus.splitName().startsWith("RANDOM")
                        ? "SpamAssassin public corpus, test part of the RANDOM split"
                                + " (memory, not filtering)"
                        : "SpamAssassin public corpus, test part (newest mail, time split)";
        report(corpusTest, runs, Run::test);
        if (modern != null) {
            report(
                    "modern set (hand-written held-out 2020s mail, bench/accuracy/modern)",
                    runs,
                    Run::modern);
        }
        report("validation part (thresholds chosen here; not a test)", runs, Run::validation);

        Run best = runs.get(runs.size() - 1);
        printRuleHits(best.test());
        AccuracyReport.list(
                "ham held at " + QUARANTINE + ", test part, " + best.name(),
                best.test(),
                o -> !o.spam() && o.held(QUARANTINE),
                LISTED);
        if (modern != null) {
            for (Run r : runs) {
                AccuracyReport.list(
                        "modern set, " + r.name() + ": ham held at " + QUARANTINE,
                        r.modern(),
                        o -> !o.spam() && o.held(QUARANTINE),
                        LISTED);
            }
        }
    }

    private static Run run(
            String name, BuiltInScanners filters, BenchCorpus corpus, BenchCorpus modern) {
        return new Run(
                name,
                scan(filters, corpus.validation()),
                scan(filters, corpus.test()),
                modern == null ? List.of() : scan(filters, modern.test()));
    }

    static List<Scored> scan(BuiltInScanners filters, List<BenchCorpus.Message> messages) {
        List<Scored> out = new ArrayList<>();
        for (BenchCorpus.Message m : messages) {
            ParsedMessage parsed = filters.parse(m.raw());
            ScoreSheet sheet = filters.scan(BuiltInScanners.envelope(m.raw(), parsed));
            out.add(
                    new Scored(
                            m.name(),
                            m.spam(),
                            sheet.score(),
                            sheet.malware(),
                            List.copyOf(sheet.reasons())));
        }
        return out;
    }

    /** The split, the size of each part and how each source was dated. */
    static void printSplit(BenchCorpus corpus, BenchCorpus modern) {
        System.out.printf(Locale.ROOT, "  split  : %s%n", corpus.splitName());
        System.out.printf(
                Locale.ROOT,
                "  corpus : %d messages after dropping %d byte-identical copies; %d without a"
                        + " parseable delivery time (put in the training part)%n",
                corpus.messages().size(),
                corpus.duplicates(),
                corpus.undated());
        for (BenchCorpus.Part part : BenchCorpus.Part.values()) {
            List<BenchCorpus.Message> in = corpus.part(part);
            long spam = in.stream().filter(BenchCorpus.Message::spam).count();
            String range =
                    in.stream()
                                    .map(BenchCorpus.Message::time)
                                    .filter(t -> t != null)
                                    .min(Comparator.naturalOrder())
                                    .map(t -> t.toString().substring(0, 10))
                                    .orElse("-")
                            + ".."
                            + in.stream()
                                    .map(BenchCorpus.Message::time)
                                    .filter(t -> t != null)
                                    .max(Comparator.naturalOrder())
                                    .map(t -> t.toString().substring(0, 10))
                                    .orElse("-");
            System.out.printf(
                    Locale.ROOT,
                    "           %-10s %5d ham %5d spam  %5.1f %%  delivered %s%n",
                    part.name().toLowerCase(Locale.ROOT),
                    in.size() - spam,
                    spam,
                    100.0 * in.size() / Math.max(1, corpus.messages().size()),
                    range);
        }
        if (modern != null) {
            long spam = modern.messages().stream().filter(BenchCorpus.Message::spam).count();
            System.out.printf(
                    Locale.ROOT,
                    "  modern : %d ham, %d spam, all test (hand-written, never trained or tuned"
                            + " on)%n",
                    modern.messages().size() - spam,
                    spam);
        } else {
            System.out.println("  modern : not given");
        }
    }

    /** The table, distributions and mistakes of every run on one source. */
    private static void report(
            String source, List<Run> runs, java.util.function.Function<Run, List<Scored>> part) {
        List<AccuracyReport.Row> rows =
                runs.stream()
                        .map(
                                r ->
                                        new AccuracyReport.Row(
                                                r.name(),
                                                part.apply(r),
                                                r.threshold(),
                                                AccuracyReport.BUILT_IN_GOAL))
                        .toList();
        AccuracyReport.table(source, QUARANTINE, rows);
        AccuracyReport.scoreHistogram(rows);
        AccuracyReport.bayesBands(rows);
        for (AccuracyReport.Row r : rows) {
            AccuracyReport.topReasons(
                    r.configuration() + ": spam missed at " + QUARANTINE,
                    r.items(),
                    o -> o.spam() && !o.held(QUARANTINE),
                    TOP_REASONS);
            AccuracyReport.topReasons(
                    r.configuration() + ": ham held at " + QUARANTINE,
                    r.items(),
                    o -> !o.spam() && o.held(QUARANTINE),
                    TOP_REASONS);
        }
    }

    /** How many test messages of each label each rule fired on, zero-score rules included. */
    private static void printRuleHits(List<Scored> outcomes) {
        Map<String, long[]> hits = new TreeMap<>();
        Map<String, Set<Double>> scores = new TreeMap<>();
        for (Scored o : outcomes) {
            for (String rule : o.reasons().stream().map(Reason::rule).distinct().toList()) {
                hits.computeIfAbsent(rule, r -> new long[2])[o.spam() ? 1 : 0]++;
            }
            o.reasons()
                    .forEach(
                            r ->
                                    scores.computeIfAbsent(r.rule(), k -> new LinkedHashSet<>())
                                            .add(r.score()));
        }
        System.out.printf(
                Locale.ROOT, "%n  rule hits on the test part, bayes trained (messages)%n");
        System.out.printf(Locale.ROOT, "  %-28s %7s %7s %7s%n", "rule", "score", "ham", "spam");
        hits.entrySet().stream()
                .sorted(
                        Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                                .thenComparingLong(e -> -e.getValue()[1]))
                .forEach(
                        e ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %-28s %7s %7d %7d%n",
                                        e.getKey(),
                                        scoreLabel(scores.get(e.getKey())),
                                        e.getValue()[0],
                                        e.getValue()[1]));
    }

    /** A rule's score, or its range when settings give it several (none of the defaults do). */
    private static String scoreLabel(Set<Double> scores) {
        double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min == max
                ? String.format(Locale.ROOT, "%+.1f", min)
                : String.format(Locale.ROOT, "%+.1f..%+.1f", min, max);
    }
}
