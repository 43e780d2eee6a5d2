package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.filtermx.application.port.OutboundSettings;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Bounds how many deliveries of this node talk to one destination domain reached by MX at once,
 * like Postfix's {@code default_destination_concurrency_limit} (20, {@code
 * FILTERMX_DESTINATION_CONCURRENCY}): a burst of outgoing mail to one provider does not open more
 * connections than receivers accept from one client. A delivery that finds the destination full
 * waits a little, then is retried later like any temporary failure. Only domains with a delivery in
 * flight have an entry, so the map stays as small as the delivery executor.
 */
@ApplicationScoped
class DestinationSlots {

    /** How long a delivery waits for a free slot before it counts as a temporary failure. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final long POLL_MILLIS = 50;

    private final ConcurrentHashMap<String, Integer> inUse = new ConcurrentHashMap<>();

    @Inject private OutboundSettings settings;

    private int limit;
    private Duration wait = WAIT;

    DestinationSlots() {}

    /** Slots with a fixed limit (tests). */
    DestinationSlots(int limit) {
        this.limit = limit;
    }

    /** Slots with a fixed limit and wait (tests). */
    DestinationSlots(int limit, Duration wait) {
        this.limit = limit;
        this.wait = wait;
    }

    /** Takes a slot for {@code destination}, waiting up to this node's wait (30 s). */
    boolean acquire(String destination) {
        return acquire(destination, wait);
    }

    private int limit() {
        return limit > 0 ? limit : settings.destinationConcurrency();
    }

    /**
     * Takes a slot for {@code destination}, waiting up to {@code wait}; false when none became free
     * (the caller must not deliver now, and must not call {@link #release}).
     */
    boolean acquire(String destination, Duration wait) {
        String key = LowerCase.of(destination);
        long deadline = System.nanoTime() + wait.toNanos();
        int max = limit();
        while (true) {
            AtomicBoolean taken = new AtomicBoolean();
            inUse.compute(
                    key,
                    (k, n) -> {
                        int current = n == null ? 0 : n;
                        if (current < max) {
                            taken.set(true);
                            return current + 1;
                        }
                        return n;
                    });
            if (taken.get()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Gives back a slot taken by {@link #acquire}. */
    void release(String destination) {
        inUse.computeIfPresent(LowerCase.of(destination), (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Deliveries to {@code destination} in flight now. */
    int inUse(String destination) {
        return inUse.getOrDefault(LowerCase.of(destination), 0);
    }
}
