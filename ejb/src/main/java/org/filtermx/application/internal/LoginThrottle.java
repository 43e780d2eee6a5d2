package org.filtermx.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #USER_FREE_FAILURES} failed logins for one user
 * name, or {@value #ADDRESS_FREE_FAILURES} from one address, within {@link #WINDOW}, further
 * attempts are refused for a time that doubles with each failure (one minute, two, four, ... at
 * most {@link #MAX_LOCK}). It counts names whether or not an account exists, so it tells an
 * attacker nothing. A successful login clears the name's count. Counts are per node and in
 * memory; behind a load balancer an attacker gains at most the node count as a factor.
 */
@ApplicationScoped
class LoginThrottle {

    static final int USER_FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    /** Failures of one key: how many in the current window, since when, and until when it is locked. */
    private record Failures(int count, Instant since, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until {@code username} or {@code address} may try again; 0 when they may now. */
    long retryAfter(String username, String address) {
        Instant now = clock.instant();
        return Math.max(wait(userKey(username), now), wait(addressKey(address), now));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), USER_FREE_FAILURES, now);
        count(addressKey(address), ADDRESS_FREE_FAILURES, now);
    }

    void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private long wait(String key, Instant now) {
        if (key == null) {
            return 0;
        }
        Failures f = failures.get(key);
        if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
            return 0;
        }
        return Math.max(1, Duration.between(now, f.lockedUntil()).toSeconds());
    }

    private void count(String key, int free, Instant now) {
        if (key == null) {
            return;
        }
        if (failures.size() > MAX_ENTRIES) {
            failures.entrySet().removeIf(e -> e.getValue().since().plus(WINDOW).isBefore(now));
        }
        failures.compute(key, (k, f) -> {
            if (f == null || (f.since().plus(WINDOW).isBefore(now)
                    && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)))) {
                f = new Failures(0, now, null);
            }
            int count = f.count() + 1;
            Instant lockedUntil = f.lockedUntil();
            if (count >= free) {
                long minutes = 1L << Math.min(count - free, 4);
                Duration lock = Duration.ofMinutes(minutes).compareTo(MAX_LOCK) > 0 ? MAX_LOCK : Duration.ofMinutes(minutes);
                lockedUntil = now.plus(lock);
            }
            return new Failures(count, f.since(), lockedUntil);
        });
    }

    private static String userKey(String username) {
        return username == null ? null : "u:" + username.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? null : "a:" + address;
    }
}
