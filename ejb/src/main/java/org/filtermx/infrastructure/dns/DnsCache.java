package org.filtermx.infrastructure.dns;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Answers already received, kept for as long as DNS allows, so that the SPF, DMARC and DNSBL
 * lookups of a busy sender domain (and the MX lookups of a busy bounce destination) are not
 * repeated for every message (a caching resolver on the node would do the same, without the round
 * trip). Found records live for their smallest TTL, capped at {@link #MAX_POSITIVE}; NXDOMAIN and
 * NODATA for the SOA minimum when given (RFC 2308 section 5), else {@link #DEFAULT_NEGATIVE},
 * capped at {@link #MAX_NEGATIVE}; a timeout or SERVFAIL for {@link #FAILURE} only (RFC 2308
 * section 7 allows up to five minutes), so that a resolver's hiccup is not asked again for every
 * message but passes quickly. Bounded in size, least recently used out first. Thread-safe.
 */
final class DnsCache {

    static final Duration MAX_POSITIVE = Duration.ofHours(1);
    static final Duration DEFAULT_NEGATIVE = Duration.ofMinutes(1);
    static final Duration MAX_NEGATIVE = Duration.ofMinutes(15);
    static final Duration FAILURE = Duration.ofSeconds(5);

    private record Entry(DnsAnswer<?> answer, long expiresAt) {}

    private final int capacity;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> entries;

    DnsCache(int capacity, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.entries =
                new LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                        return size() > DnsCache.this.capacity;
                    }
                };
    }

    /** The kept answer to {@code question}, or null when there is none or it has expired. */
    @SuppressWarnings("unchecked")
    synchronized <T> DnsAnswer<T> get(String question) {
        Entry e = entries.get(question);
        if (e == null) {
            return null;
        }
        if (nanoClock.getAsLong() - e.expiresAt() >= 0) {
            entries.remove(question);
            return null;
        }
        return (DnsAnswer<T>) e.answer();
    }

    /** Keeps {@code answer} for {@code ttl} (already chosen by the caller within the limits). */
    synchronized void put(String question, DnsAnswer<?> answer, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        entries.put(question, new Entry(answer, nanoClock.getAsLong() + ttl.toNanos()));
    }

    /** How long an answer may be kept: {@code ttlSeconds} is the records' or the SOA's, or -1. */
    static Duration lifetime(DnsAnswer.Status status, long ttlSeconds) {
        return switch (status) {
            case FOUND -> min(Duration.ofSeconds(Math.max(ttlSeconds, 0)), MAX_POSITIVE);
            case NO_DATA, NXDOMAIN ->
                    ttlSeconds < 0
                            ? DEFAULT_NEGATIVE
                            : min(Duration.ofSeconds(ttlSeconds), MAX_NEGATIVE);
            case TEMPORARY_FAILURE -> FAILURE;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
