package org.filtermx.infrastructure.filter.external;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks and wording shared by the engines' settings: a zero or negative timeout fails at start-up,
 * and budgets appear in failures as operators write them.
 */
final class Timeouts {

    private Timeouts() {}

    static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** {@code 30 s} or {@code 250 ms}: a duration as operators write it. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
