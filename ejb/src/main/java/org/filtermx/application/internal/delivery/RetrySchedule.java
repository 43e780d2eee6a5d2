package org.filtermx.application.internal.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a deferred message again: the first retry after the minimal backoff, each later one
 * twice as long as the one before, capped at the maximal backoff (Postfix's queue manager does the
 * same with minimal_backoff_time 300s and maximal_backoff_time 4000s).
 */
record RetrySchedule(Duration minimal, Duration maximal) {

    /** The time of the next attempt after {@code failedAttempts} attempts have failed. */
    Instant next(Instant now, int failedAttempts) {
        Duration delay = minimal;
        for (int i = 1; i < failedAttempts && delay.compareTo(maximal) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return now.plus(delay.compareTo(maximal) > 0 ? maximal : delay);
    }
}
