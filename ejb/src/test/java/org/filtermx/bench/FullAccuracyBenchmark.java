package org.filtermx.bench;

import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Measures the built-in scanners together on a labelled corpus (see {@code bench/README.md}): bayes
 * trained on one half, every built-in scanner over the other, reason scores fused (ADR 0019) and
 * summed as the server's pipeline does, and prints how much spam the total holds and how much ham,
 * at the default quarantine threshold and around it, with the rules behind the mistakes. Run by
 * {@code bench/accuracy/run.sh}; test scope, so it never ships.
 */
public final class FullAccuracyBenchmark {

    static final double QUARANTINE = FilterPolicy.DEFAULTS.quarantineThreshold();
    static final double REJECT = FilterPolicy.DEFAULTS.rejectThreshold();

    private static final double[] THRESHOLDS = {3, 4, 5, 6, 8};
    private static final int TOP_REASONS = 10;
    private static final int LISTED_HAM = 30;

    /** One test message's total. */
    private record Outcome(
            String name, boolean spam, List<Reason> reasons, double score, boolean malware) {

        boolean held(double threshold) {
            return malware || score >= threshold;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: FullAccuracyBenchmark <corpus dir with ham/ and spam/>");
            System.exit(2);
        }
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        long t0 = System.nanoTime();
        BuiltInScanners filters = BuiltInScanners.trainedOn(corpus);
        long t1 = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (BenchCorpus.Message m : corpus.testHalf()) {
            ParsedMessage parsed = filters.parse(m.raw());
            ScoreSheet sheet = filters.scan(BuiltInScanners.envelope(m.raw(), parsed));
            outcomes.add(
                    new Outcome(
                            m.name(), m.spam(), sheet.fused(), sheet.score(), sheet.malware()));
        }
        long t2 = System.nanoTime();

        int[] trained = filters.trained();
        long spam = outcomes.stream().filter(Outcome::spam).count();
        String names =
                filters.scanners().stream().map(Scanner::name).collect(Collectors.joining(", "));
        System.out.printf(
                Locale.ROOT,
                "FilterMX built-in filter accuracy (%s; DNS offline; %s)%n",
                names,
                BenchCorpus.splitName());
        System.out.printf(
                Locale.ROOT,
                "  corpus : %d messages after dropping %d byte-identical copies%n",
                corpus.messages().size(),
                corpus.duplicates());
        System.out.printf(
                Locale.ROOT,
                "  train  : bayes on %d ham, %d spam (%.1f s)%n",
                trained[0],
                trained[1],
                (t1 - t0) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "  test   : %d ham, %d spam  (%.1f ms/message, parse + every scanner)%n%n",
                outcomes.size() - spam,
                spam,
                (t2 - t1) / 1e6 / outcomes.size());

        HeldTable.header();
        for (double t : THRESHOLDS) {
            String label = String.format(Locale.ROOT, "total score >= %.1f", t);
            row(t == QUARANTINE ? label + "  (default)" : label, outcomes, o -> o.held(t));
        }
        row(
                String.format(Locale.ROOT, "refused: score >= %.1f or malware", REJECT),
                outcomes,
                o -> o.held(REJECT));

        printRuleHits(outcomes);
        printTopReasons(
                "ham held at " + QUARANTINE, outcomes, o -> !o.spam() && o.held(QUARANTINE));
        printTopReasons(
                "spam missed at " + QUARANTINE, outcomes, o -> o.spam() && !o.held(QUARANTINE));
        printHeldHam(outcomes);
    }

    private static void row(String label, List<Outcome> outcomes, Predicate<Outcome> held) {
        HeldTable.row(label, outcomes, Outcome::spam, held);
    }

    /** How many test messages of each label each rule fired on, zero-score rules included. */
    private static void printRuleHits(List<Outcome> outcomes) {
        Map<String, long[]> hits = new TreeMap<>();
        Map<String, Set<Double>> scores = new TreeMap<>();
        for (Outcome o : outcomes) {
            for (String rule : o.reasons().stream().map(Reason::rule).distinct().toList()) {
                hits.computeIfAbsent(rule, r -> new long[2])[o.spam() ? 1 : 0]++;
            }
            o.reasons()
                    .forEach(
                            r ->
                                    scores.computeIfAbsent(r.rule(), k -> new LinkedHashSet<>())
                                            .add(r.score()));
        }
        System.out.printf(Locale.ROOT, "%n  rule hits on the test half (messages)%n");
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

    /**
     * The rules with a non-zero score most often among the messages {@code which} selects; rules
     * scored 0 (the offline SPF, DKIM and DMARC results) are on every message and left out.
     */
    private static void printTopReasons(
            String title, List<Outcome> outcomes, Predicate<Outcome> which) {
        List<Outcome> selected = outcomes.stream().filter(which).toList();
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Set<Double>> scores = new TreeMap<>();
        for (Outcome o : selected) {
            o.reasons().stream()
                    .filter(r -> r.score() != 0)
                    .peek(
                            r ->
                                    scores.computeIfAbsent(r.rule(), k -> new LinkedHashSet<>())
                                            .add(r.score()))
                    .map(Reason::rule)
                    .distinct()
                    .forEach(rule -> counts.merge(rule, 1L, Long::sum));
        }
        System.out.printf(
                Locale.ROOT,
                "%n  most frequent scored reasons on %s (%d messages)%n",
                title,
                selected.size());
        System.out.printf(
                Locale.ROOT, "  %-28s %7s %9s %7s%n", "rule", "score", "messages", "share");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP_REASONS)
                .forEach(
                        e ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %-28s %7s %9d %6.1f%%%n",
                                        e.getKey(),
                                        scoreLabel(scores.get(e.getKey())),
                                        e.getValue(),
                                        100.0 * e.getValue() / Math.max(1, selected.size())));
    }

    private static void printHeldHam(List<Outcome> outcomes) {
        List<Outcome> held =
                outcomes.stream()
                        .filter(o -> !o.spam() && o.held(QUARANTINE))
                        .sorted(Comparator.comparingDouble(Outcome::score).reversed())
                        .toList();
        System.out.printf(
                Locale.ROOT,
                "%n  ham held at %.1f, highest total first (file, total, scored reasons)%n",
                QUARANTINE);
        for (Outcome o : held.subList(0, Math.min(LISTED_HAM, held.size()))) {
            String reasons =
                    o.reasons().stream()
                            .filter(r -> r.score() != 0)
                            .map(r -> String.format(Locale.ROOT, "%s %+.1f", r.rule(), r.score()))
                            .collect(Collectors.joining(", "));
            System.out.printf(
                    Locale.ROOT,
                    "    %-52s %5.1f%s  %s%n",
                    o.name(),
                    o.score(),
                    o.malware() ? " malware" : "",
                    reasons);
        }
        if (held.size() > LISTED_HAM) {
            System.out.printf(Locale.ROOT, "    ... and %d more%n", held.size() - LISTED_HAM);
        }
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
