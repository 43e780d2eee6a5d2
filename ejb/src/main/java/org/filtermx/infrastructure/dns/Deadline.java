package org.filtermx.infrastructure.dns;

import java.time.Duration;
import java.time.Instant;

/**
 * The moment a check's time budget runs out, shared by all its DNS queries so that a slow or silent
 * name server costs at most the budget and never holds mail up longer.
 */
public record Deadline(Instant at) {

    public static Deadline after(Duration budget) {
        return new Deadline(Instant.now().plus(budget));
    }

    /** Time left before the deadline, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(Instant.now(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean passed() {
        return remaining().isZero();
    }
}
