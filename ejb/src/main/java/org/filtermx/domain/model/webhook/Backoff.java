package org.filtermx.domain.model.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed webhook delivery is tried again: after 1 minute, then twice as long each time up to
 * 6 hours between attempts; a delivery not accepted within 24 hours of the event is given up. A
 * receiver that is down for a short maintenance gets the event minutes later; one that is gone
 * costs a handful of attempts a day, not one a minute.
 */
public final class Backoff {

    public static final Duration FIRST = Duration.ofMinutes(1);
    public static final Duration MAX_DELAY = Duration.ofHours(6);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private Backoff() {}

    /**
     * The next attempt after the {@code attempts}-th failed one (1 = the first attempt failed), or
     * empty when the event is older than {@link #GIVE_UP_AFTER} by then.
     */
    public static Optional<Instant> next(Instant created, int attempts, Instant now) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration delay = FIRST.multipliedBy(1L << doublings);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        Instant next = now.plus(delay);
        return next.isAfter(created.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
