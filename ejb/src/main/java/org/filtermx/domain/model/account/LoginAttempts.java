package org.filtermx.domain.model.account;

import java.time.Duration;
import java.time.Instant;

/**
 * The password checks counted against one subject (a user name or a client address) in the current
 * window. An attempt is reserved before its password is checked, so parallel requests cannot all
 * get through: the attempt that reaches the limit locks the subject at once, for one minute, then
 * two, four, ... at most {@link #MAX_LOCK}; after a lock ends one more attempt is allowed, and if
 * it reaches the limit again the next lock is twice as long. A success gives the reservation back
 * (or, for a user name, clears the count).
 *
 * @param attempts reserved attempts in the window: failures plus checks still running
 * @param windowStart when the window began (reset at each lock)
 * @param lockedUntil until when no attempt is allowed, or null
 * @param locks how many locks this subject had in a row, for the doubling
 */
public record LoginAttempts(int attempts, Instant windowStart, Instant lockedUntil, int locks) {

    /** Failures older than this are forgotten, unless they led to a lock still running. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    public static final Duration MAX_LOCK = Duration.ofMinutes(15);

    /** No attempts yet. */
    public static LoginAttempts none(Instant now) {
        return new LoginAttempts(0, now, null, 0);
    }

    /** Seconds until an attempt is allowed again; 0 when one is allowed now. */
    public long retryAfter(Instant now) {
        if (lockedUntil == null || !lockedUntil.isAfter(now)) {
            return 0;
        }
        long millis = Duration.between(now, lockedUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /**
     * With one more attempt reserved, locking when it reaches {@code limit}. Only call when {@link
     * #retryAfter} is 0.
     */
    public LoginAttempts reserve(int limit, Instant now) {
        LoginAttempts base =
                windowStart.plus(WINDOW).isBefore(now) && retryAfter(now) == 0 ? none(now) : this;
        int count = base.attempts + 1;
        if (count < limit) {
            return new LoginAttempts(count, base.windowStart, base.lockedUntil, base.locks);
        }
        Duration lock = Duration.ofMinutes(1L << Math.min(base.locks, 4));
        if (lock.compareTo(MAX_LOCK) > 0) {
            lock = MAX_LOCK;
        }
        return new LoginAttempts(count, now, now.plus(lock), base.locks + 1);
    }

    /**
     * With one reserved attempt given back, because it succeeded; a lock the count no longer
     * reaches ends.
     */
    public LoginAttempts release(int limit) {
        int count = Math.max(0, attempts - 1);
        return new LoginAttempts(count, windowStart, count < limit ? null : lockedUntil, locks);
    }

    /** Whether the record tells nothing any more at {@code now}, so it can be deleted. */
    public boolean expired(Instant now) {
        return retryAfter(now) == 0 && windowStart.plus(WINDOW).isBefore(now);
    }
}
