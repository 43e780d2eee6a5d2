package org.filtermx.application.internal.filtering;

/**
 * When the training queue's worker should take its next batch: messages queued one per call gather
 * until the queue has been quiet for {@value #QUIET_MILLIS} ms, a batch's worth has been queued on
 * this node, or the first of them has waited {@value #MAX_MILLIS} ms (ADR 0051). A lone message is
 * learnt about a second after it was queued; a steady stream of calls is learnt in batches of
 * {@value #MAX_MILLIS} ms worth of calls (or full ones), not of one second's worth: each message
 * alone writes some 1,000 rows, in a batch of 1,000 about 160, so small batches cost the calls
 * their processor.
 *
 * <p>Nudges come from the request threads, the decision from the worker; the state is guarded by
 * this object's lock. The clock is passed in (milliseconds, any origin), so the rules can be tested
 * without waiting.
 */
final class Gathering {

    /** A queue quiet this long is learnt at once. */
    static final long QUIET_MILLIS = 1_000;

    /** No message waits longer than this for its batch to start (unless the worker is paused). */
    static final long MAX_MILLIS = 10_000;

    private final int batchMessages;

    /** When the first nudge not yet covered by a batch came, or -1 if none. */
    private long first = -1;

    private long last;
    private int count;

    Gathering(int batchMessages) {
        this.batchMessages = batchMessages;
    }

    /** A message was queued (its transaction committed) at {@code now}. */
    synchronized void nudged(long now) {
        if (first < 0) {
            first = now;
        }
        last = now;
        count++;
    }

    /** Whether nudges wait that no batch has covered yet. */
    synchronized boolean pending() {
        return first >= 0;
    }

    /**
     * How many milliseconds the worker should wait before its next batch, 0 to take it now: now if
     * nothing was nudged (a timer or a batch that was full), if a batch's worth was nudged, if
     * {@value #QUIET_MILLIS} ms passed since the last nudge or {@value #MAX_MILLIS} ms since the
     * first.
     */
    synchronized long delay(long now) {
        if (first < 0 || count >= batchMessages) {
            return 0;
        }
        long due = Math.min(last + QUIET_MILLIS, first + MAX_MILLIS);
        return Math.max(0, due - now);
    }

    /**
     * The worker is about to claim a batch: every nudge so far is for a message already committed,
     * so that batch (or a later full one) covers it, and the next nudge starts a new gathering.
     */
    synchronized void taken() {
        first = -1;
        count = 0;
    }
}
