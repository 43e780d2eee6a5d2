package org.filtermx.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Scanner;

/**
 * Measures the CPU cost per message of what the server does to filter it (parse once, then every
 * built-in scanner, the reasons summed) on one thread, per stage, over the corpus' test part and
 * over its typical-sized messages (see {@code bench/README.md}). Bayes is trained on the training
 * part first; DNS is offline, so auth costs its parsing and hashing but no waiting. Run by {@code
 * bench/pipeline/run.sh}; test scope, so it never ships.
 */
public final class PipelineSpeedBenchmark {

    /** The sizes of a "typical ~5 KB message", as received (CRLF), in bytes. */
    static final int TYPICAL_MIN = 3 * 1024;

    static final int TYPICAL_MAX = 8 * 1024;

    /** The target of the issue: a typical message filtered in under 5 ms (median). */
    static final double TARGET_MEDIAN_MILLIS = 5.0;

    private final BuiltInScanners filters;
    private final List<String> stages = new ArrayList<>();
    private double sink;

    private PipelineSpeedBenchmark(BuiltInScanners filters) {
        this.filters = filters;
        stages.add("parse");
        filters.scanners().forEach(s -> stages.add(s.name()));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println(
                    "usage: PipelineSpeedBenchmark <corpus dir> [warm-up passes] [measured"
                            + " passes]");
            System.exit(2);
        }
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        List<BenchCorpus.Message> test = corpus.testHalf();
        List<BenchCorpus.Message> typical =
                test.stream()
                        .filter(m -> m.raw().length >= TYPICAL_MIN && m.raw().length <= TYPICAL_MAX)
                        .toList();

        long t0 = System.nanoTime();
        PipelineSpeedBenchmark bench =
                new PipelineSpeedBenchmark(BuiltInScanners.trainedOn(corpus));
        long t1 = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            bench.measure(test, 1);
        }
        long t2 = System.nanoTime();
        printHeader(bench, corpus, warmup, passes, (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        bench.report("test part", test, passes);
        StageTimes typicalTimes = bench.report("typical 3-8 KB (test part)", typical, passes);
        double median = typicalTimes.medianMillis();
        System.out.printf(
                Locale.ROOT,
                "%n  typical message median %.3f ms: %s the %.1f ms target%n",
                median,
                median < TARGET_MEDIAN_MILLIS ? "under" : "OVER",
                TARGET_MEDIAN_MILLIS);
        if (Double.isNaN(bench.sink)) {
            System.out.println(); // keeps the scores alive, so no scan is optimised away
        }
    }

    private StageTimes report(String title, List<BenchCorpus.Message> messages, int passes) {
        System.gc();
        long start = System.nanoTime();
        StageTimes times = measure(messages, passes);
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] sizes = messages.stream().mapToInt(m -> m.raw().length).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "%n  %s: %d messages, median %.1f KB (%.1f..%.1f), %d passes = %d samples%n",
                title,
                messages.size(),
                sizes[sizes.length / 2] / 1024.0,
                sizes[0] / 1024.0,
                sizes[sizes.length - 1] / 1024.0,
                passes,
                times.count());
        times.print();
        System.out.printf(
                Locale.ROOT,
                "    messages/s   %9.0f  (one thread; wall time of the measured passes, %.1f s)%n",
                times.count() / seconds,
                seconds);
        return times;
    }

    /** Runs every message {@code passes} times, timing each stage of each run. */
    private StageTimes measure(List<BenchCorpus.Message> messages, int passes) {
        List<Scanner> scanners = filters.scanners();
        StageTimes times = new StageTimes(stages, messages.size() * passes);
        long[] stageNanos = new long[stages.size()];
        for (int pass = 0; pass < passes; pass++) {
            for (BenchCorpus.Message m : messages) {
                long start = System.nanoTime();
                ParsedMessage parsed = filters.parse(m.raw());
                long parsedAt = System.nanoTime();
                stageNanos[0] = parsedAt - start;
                MessageUnderScan message = BuiltInScanners.envelope(m.raw(), parsed);
                ScoreSheet sheet = new ScoreSheet();
                for (int s = 0; s < scanners.size(); s++) {
                    long before = System.nanoTime();
                    sheet.add(scanners.get(s), message);
                    stageNanos[s + 1] = System.nanoTime() - before;
                }
                sink += sheet.score();
                times.record(stageNanos, System.nanoTime() - start);
            }
        }
        return times;
    }

    private static void printHeader(
            PipelineSpeedBenchmark bench,
            BenchCorpus corpus,
            int warmup,
            int passes,
            double trainSeconds,
            double warmupSeconds) {
        Runtime rt = Runtime.getRuntime();
        String gcs =
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", "));
        int[] trained = bench.filters.trained();
        System.out.printf(
                Locale.ROOT,
                "FilterMX filter pipeline speed (parse + %s; DNS offline; one thread)%n",
                String.join(", ", bench.stages.subList(1, bench.stages.size())));
        System.out.printf(
                Locale.ROOT,
                "  machine : %d CPUs, Java %s, max heap %d MB, GC %s%n",
                rt.availableProcessors(),
                System.getProperty("java.version"),
                rt.maxMemory() / (1024 * 1024),
                gcs);
        System.out.printf(
                Locale.ROOT,
                "  bayes   : in-memory store trained on %d ham, %d spam (%.1f s)%n",
                trained[0],
                trained[1],
                trainSeconds);
        System.out.printf(
                Locale.ROOT,
                "  corpus  : %d messages; warm-up %d passes over the test part (%.1f s); times"
                        + " are over all samples of %d passes%n",
                corpus.messages().size(),
                warmup,
                warmupSeconds,
                passes);
    }
}
