package org.filtermx.application.internal.verification;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The per-node bounds on callouts (ADR 0031), so that a client sending a thousand made-up
 * recipients cannot make the gateway ask the destination a thousand times: at most {@code
 * perSession} callouts per SMTP connection, and at most {@code perMinute} per destination domain (a
 * token bucket that refills continuously, full at the start). Both maps forget idle entries, so
 * neither grows with the number of connections seen.
 */
final class CalloutLimits {

    /** How long a connection's count is kept after its last callout. */
    static final long SESSION_IDLE_NANOS = 15L * 60 * 1_000_000_000L;

    /** Entries kept before idle ones are swept. */
    static final int SWEEP_AT = 10_000;

    /**
     * Callouts to one domain's destination running at once, per node: a verifying server answers a
     * callout in milliseconds, so more than a few at a time means it is slow or hanging.
     */
    static final int IN_FLIGHT_PER_DOMAIN = 5;

    private static final long MINUTE_NANOS = 60L * 1_000_000_000L;

    private final int perSession;
    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, long[]> sessions = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    CalloutLimits(int perSession, int perMinute, LongSupplier nanoTime) {
        this.perSession = perSession;
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** Counts one callout for the connection; false once it has had {@code perSession}. */
    boolean trySession(String sessionId) {
        long now = nanoTime.getAsLong();
        if (sessions.size() >= SWEEP_AT) {
            sweepSessions(now);
        }
        long[] entry = sessions.computeIfAbsent(sessionId, id -> new long[] {0, now});
        synchronized (entry) {
            entry[1] = now;
            if (entry[0] >= perSession) {
                return false;
            }
            entry[0]++;
            return true;
        }
    }

    /** Takes one callout from the domain's bucket; false while it is empty. */
    boolean tryDomain(String domain) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= SWEEP_AT) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(domain, d -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double refill = (now - bucket.at) * (double) perMinute / MINUTE_NANOS;
            bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, refill));
            bucket.at = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /**
     * Enters a callout to the domain's destination; false while {@link #IN_FLIGHT_PER_DOMAIN} are
     * running. Every true is followed by {@link #leave}.
     */
    boolean tryEnter(String domain) {
        AtomicInteger count = running.computeIfAbsent(domain, d -> new AtomicInteger());
        if (count.incrementAndGet() > IN_FLIGHT_PER_DOMAIN) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave(String domain) {
        AtomicInteger count = running.get(domain);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    /** A domain's callouts left, as of {@code at} (nanoTime). */
    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private void sweepSessions(long now) {
        for (Iterator<long[]> it = sessions.values().iterator(); it.hasNext(); ) {
            long[] entry = it.next();
            if (now - entry[1] > SESSION_IDLE_NANOS) {
                it.remove();
            }
        }
    }
}
