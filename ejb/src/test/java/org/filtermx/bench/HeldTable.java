package org.filtermx.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The accuracy benchmarks' table of spam caught and ham held, one row per decision rule, so that
 * every benchmark prints its figures in the same columns and they can be compared line by line.
 */
final class HeldTable {

    private HeldTable() {}

    static void header() {
        System.out.printf(
                Locale.ROOT, "  %-38s %22s %22s%n", "held when", "spam caught", "ham held (FP)");
    }

    /**
     * One row: of {@code items} (each spam or ham as {@code isSpam} says), how many {@code held}
     * selects.
     */
    static <T> void row(String label, List<T> items, Predicate<T> isSpam, Predicate<T> held) {
        long spam = items.stream().filter(isSpam).count();
        long ham = items.size() - spam;
        long caught = items.stream().filter(i -> isSpam.test(i) && held.test(i)).count();
        long fp = items.stream().filter(i -> !isSpam.test(i) && held.test(i)).count();
        System.out.printf(
                Locale.ROOT,
                "  %-38s %7.2f %% %5d/%-5d %7.2f %% %5d/%-5d%n",
                label,
                100.0 * caught / Math.max(1, spam),
                caught,
                spam,
                100.0 * fp / Math.max(1, ham),
                fp,
                ham);
    }
}
