package org.filtermx.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.Reason;

/**
 * The accuracy benchmarks' common report, whatever scanners produced the scores: per source a table
 * of spam and ham held at the default quarantine threshold and at the threshold chosen on the
 * validation part, judged against the goal of issue 12; then the distribution of totals and of
 * {@code BAYES_*} bands per class, and the rules behind the mistakes. The benchmarks decide what a
 * configuration is; this class only counts.
 */
final class AccuracyReport {

    /** The goal for the built-in engine alone: this share of spam held at most that of ham. */
    static final Goal BUILT_IN_GOAL = new Goal(0.90, 0.005);

    /** The goal with rspamd and SpamAssassin. */
    static final Goal ENGINES_GOAL = new Goal(0.97, 0.003);

    /** Upper bounds of the total-score histogram's buckets; the last bucket is open. */
    private static final double[] BUCKETS = {0, 2, 4, 5, 7, 10};

    private static final String[] BUCKET_LABELS = {
        "<0", "0-2", "2-4", "4-5", "5-7", "7-10", ">=10"
    };

    private static final double GRID = 10;

    /** Spam share held at no more than the ham share. */
    record Goal(double spam, double ham) {

        boolean met(double spamHeld, double hamHeld) {
            return spamHeld >= spam && hamHeld <= ham;
        }

        String label() {
            return String.format(
                    Locale.ROOT, ">= %.0f %% spam at <= %.1f %% ham", spam * 100, ham * 100);
        }
    }

    /**
     * One configuration on one source.
     *
     * @param threshold the total from which it holds mail, chosen on the validation part
     */
    record Row(String configuration, List<Scored> items, double threshold, Goal goal) {}

    private AccuracyReport() {}

    /**
     * The lowest total, on a grid of 0.1, at which no more than {@code goal.ham()} of the {@code
     * validation} ham is held; infinite when malware verdicts alone hold more, the lowest total
     * when there is no ham.
     */
    static double validationThreshold(List<Scored> validation, Goal goal) {
        List<Scored> ham = validation.stream().filter(s -> !s.spam()).toList();
        long allowed = (long) Math.floor(goal.ham() * ham.size() + 1e-9);
        long malware = ham.stream().filter(Scored::malware).count();
        if (malware > allowed) {
            return Double.POSITIVE_INFINITY;
        }
        double[] descending =
                ham.stream()
                        .filter(s -> !s.malware())
                        .mapToDouble(Scored::score)
                        .map(d -> -d)
                        .sorted()
                        .map(d -> -d)
                        .toArray();
        int excluded = (int) (allowed - malware);
        if (excluded >= descending.length) {
            double lowest = validation.stream().mapToDouble(Scored::score).min().orElse(0);
            return Math.floor(lowest * GRID) / GRID;
        }
        // Strictly above the highest ham total that must not be held.
        double s = descending[excluded];
        return Math.round((Math.floor(s * GRID + 1e-9) + 1) * 1.0) / GRID;
    }

    /** The table for one source. */
    static void table(String source, double quarantine, List<Row> rows) {
        System.out.printf(Locale.ROOT, "%n== %s%n", source);
        if (rows.isEmpty()) {
            return;
        }
        long spam = rows.get(0).items().stream().filter(Scored::spam).count();
        long ham = rows.get(0).items().size() - spam;
        System.out.printf(Locale.ROOT, "  %d ham, %d spam%n", ham, spam);
        System.out.printf(
                Locale.ROOT,
                "  %-34s | %-22s %-4s | %-30s %-4s%n",
                "",
                String.format(Locale.ROOT, "at %.1f (default)", quarantine),
                "goal",
                "at the validation threshold",
                "goal");
        System.out.printf(
                Locale.ROOT,
                "  %-34s | %10s %11s %-4s | %7s %10s %11s %-4s%n",
                "configuration",
                "spam held",
                "ham held",
                "",
                "total",
                "spam held",
                "ham held",
                "");
        for (Row r : rows) {
            double[] d = shares(r.items(), quarantine);
            double[] v = shares(r.items(), r.threshold());
            System.out.printf(
                    Locale.ROOT,
                    "  %-34s | %8.1f %% %9.2f %% %-4s | %7s %8.1f %% %9.2f %% %-4s%n",
                    r.configuration(),
                    100 * d[0],
                    100 * d[1],
                    r.goal().met(d[0], d[1]) ? "PASS" : "FAIL",
                    Double.isInfinite(r.threshold())
                            ? "none"
                            : String.format(Locale.ROOT, ">=%.1f", r.threshold()),
                    100 * v[0],
                    100 * v[1],
                    r.goal().met(v[0], v[1]) ? "PASS" : "FAIL");
        }
        Set<String> goals = new LinkedHashSet<>();
        rows.forEach(r -> goals.add(r.goal().label()));
        System.out.printf(Locale.ROOT, "  goal: %s%n", String.join("; ", goals));
    }

    /** Spam held and ham held, as shares of each class. */
    static double[] shares(List<Scored> items, double threshold) {
        long spam = items.stream().filter(Scored::spam).count();
        long ham = items.size() - spam;
        long caught = items.stream().filter(s -> s.spam() && s.held(threshold)).count();
        long fp = items.stream().filter(s -> !s.spam() && s.held(threshold)).count();
        return new double[] {(double) caught / Math.max(1, spam), (double) fp / Math.max(1, ham)};
    }

    /** How the totals fall, per configuration and class, in percent of the class. */
    static void scoreHistogram(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%n  total score per class (%% of the class)%n");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-40s", ""));
        for (String b : BUCKET_LABELS) {
            head.append(String.format(Locale.ROOT, " %6s", b));
        }
        System.out.println(head);
        for (Row r : rows) {
            for (boolean spam : new boolean[] {false, true}) {
                List<Scored> cls = r.items().stream().filter(s -> s.spam() == spam).toList();
                long[] counts = new long[BUCKET_LABELS.length];
                for (Scored s : cls) {
                    counts[bucket(s.score())]++;
                }
                StringBuilder line =
                        new StringBuilder(
                                String.format(
                                        Locale.ROOT,
                                        "  %-40s",
                                        r.configuration() + (spam ? ", spam" : ", ham")));
                for (long c : counts) {
                    line.append(
                            String.format(
                                    Locale.ROOT, " %6.1f", 100.0 * c / Math.max(1, cls.size())));
                }
                System.out.println(line);
            }
        }
    }

    static int bucket(double score) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (score < BUCKETS[i]) {
                return i;
            }
        }
        return BUCKETS.length;
    }

    /** The {@code BAYES_*} band each message got (or none), per configuration and class. */
    static void bayesBands(List<Row> rows) {
        Set<String> bands = new TreeSet<>();
        List<Map<String, long[]>> perRow = new ArrayList<>();
        for (Row r : rows) {
            Map<String, long[]> counts = new TreeMap<>();
            for (Scored s : r.items()) {
                String band =
                        s.reasons().stream()
                                .map(Reason::rule)
                                .filter(n -> n.startsWith("BAYES_"))
                                .findFirst()
                                .orElse("(no BAYES_*)");
                bands.add(band);
                counts.computeIfAbsent(band, b -> new long[2])[s.spam() ? 1 : 0]++;
            }
            perRow.add(counts);
        }
        System.out.printf(Locale.ROOT, "%n  BAYES_* band per class (%% of the class)%n");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "band"));
        for (Row r : rows) {
            head.append(String.format(Locale.ROOT, " | %-26s", shorten(r.configuration(), 26)));
        }
        System.out.println(head);
        StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, "  %-14s", ""));
        for (int i = 0; i < rows.size(); i++) {
            sub.append(String.format(Locale.ROOT, " | %12s %13s", "ham", "spam"));
        }
        System.out.println(sub);
        for (String band : bands) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", band));
            for (int i = 0; i < rows.size(); i++) {
                List<Scored> items = rows.get(i).items();
                long spam = items.stream().filter(Scored::spam).count();
                long ham = items.size() - spam;
                long[] c = perRow.get(i).getOrDefault(band, new long[2]);
                line.append(
                        String.format(
                                Locale.ROOT,
                                " | %11.1f%% %12.1f%%",
                                100.0 * c[0] / Math.max(1, ham),
                                100.0 * c[1] / Math.max(1, spam)));
            }
            System.out.println(line);
        }
    }

    /**
     * The rules with a non-zero score most often among the messages {@code which} selects; rules
     * scored 0 (the offline SPF, DKIM and DMARC results) are on every message and left out.
     */
    static void topReasons(String title, List<Scored> items, Predicate<Scored> which, int limit) {
        List<Scored> selected = items.stream().filter(which).toList();
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Set<Double>> scores = new TreeMap<>();
        for (Scored s : selected) {
            for (Reason r : s.reasons()) {
                if (r.score() != 0) {
                    scores.computeIfAbsent(r.rule(), k -> new TreeSet<>()).add(r.score());
                }
            }
            s.reasons().stream()
                    .filter(r -> r.score() != 0)
                    .map(Reason::rule)
                    .distinct()
                    .forEach(rule -> counts.merge(rule, 1L, Long::sum));
        }
        System.out.printf(
                Locale.ROOT, "%n  %s (%d messages): top scored rules%n", title, selected.size());
        if (selected.isEmpty()) {
            return;
        }
        counts.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(
                        e ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "    %-30s %9s %5d %6.1f%%%n",
                                        e.getKey(),
                                        scoreLabel(scores.get(e.getKey())),
                                        e.getValue(),
                                        100.0 * e.getValue() / selected.size()));
    }

    /** The messages {@code which} selects, highest total first, with their scored reasons. */
    static void list(String title, List<Scored> items, Predicate<Scored> which, int limit) {
        List<Scored> selected =
                items.stream()
                        .filter(which)
                        .sorted(Comparator.comparingDouble(Scored::score).reversed())
                        .toList();
        System.out.printf(
                Locale.ROOT, "%n  %s (%d; file, total, scored reasons)%n", title, selected.size());
        for (Scored s : selected.subList(0, Math.min(limit, selected.size()))) {
            String reasons =
                    s.reasons().stream()
                            .filter(r -> r.score() != 0)
                            .map(r -> String.format(Locale.ROOT, "%s %+.1f", r.rule(), r.score()))
                            .collect(Collectors.joining(", "));
            System.out.printf(
                    Locale.ROOT,
                    "    %-52s %5.1f%s  %s%n",
                    s.name(),
                    s.score(),
                    s.malware() ? " malware" : "",
                    reasons);
        }
        if (selected.size() > limit) {
            System.out.printf(Locale.ROOT, "    ... and %d more%n", selected.size() - limit);
        }
    }

    /** A rule's score, or its range when it was given several. */
    static String scoreLabel(Set<Double> scores) {
        if (scores == null || scores.isEmpty()) {
            return "";
        }
        double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min == max
                ? String.format(Locale.ROOT, "%+.1f", min)
                : String.format(Locale.ROOT, "%+.1f..%+.1f", min, max);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
