package org.filtermx.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Nanosecond samples per pipeline stage (parse, each scanner) and for the whole message, and the
 * table of their order statistics that the speed benchmark prints.
 */
final class StageTimes {

    private final List<String> stages;
    private final long[][] samples;
    private final long[] totals;
    private int count;

    StageTimes(List<String> stages, int capacity) {
        this.stages = List.copyOf(stages);
        this.samples = new long[stages.size()][capacity];
        this.totals = new long[capacity];
    }

    /** Records one message: {@code stageNanos} in the order of the stage names, and its total. */
    void record(long[] stageNanos, long totalNanos) {
        for (int s = 0; s < stageNanos.length; s++) {
            samples[s][count] = stageNanos[s];
        }
        totals[count++] = totalNanos;
    }

    int count() {
        return count;
    }

    long totalNanos() {
        return Arrays.stream(totals, 0, count).sum();
    }

    /** The median time of a whole message, in milliseconds. */
    double medianMillis() {
        return percentile(sorted(totals), 0.5) / 1e6;
    }

    void print() {
        double meanTotal = (double) totalNanos() / count;
        System.out.printf(
                Locale.ROOT,
                "    %-12s %9s %9s %9s %9s %9s %6s%n",
                "stage (ms)",
                "median",
                "p90",
                "p99",
                "max",
                "mean",
                "share");
        for (int s = 0; s < stages.size(); s++) {
            row(stages.get(s), samples[s], meanTotal);
        }
        row("total", totals, meanTotal);
    }

    private void row(String label, long[] values, double meanTotal) {
        long[] sorted = sorted(values);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "    %-12s %9.3f %9.3f %9.3f %9.3f %9.3f %5.1f%%%n",
                label,
                percentile(sorted, 0.5) / 1e6,
                percentile(sorted, 0.9) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6,
                mean / 1e6,
                100 * mean / meanTotal);
    }

    private long[] sorted(long[] values) {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
