package org.filtermx.infrastructure.mime;

/**
 * The decoded bytes one message may still produce across all its parts, so a small message of
 * highly compressible encodings cannot make the parser do unbounded work.
 */
final class DecodeBudget {

    private long remaining;
    private boolean exceeded;

    DecodeBudget(long total) {
        this.remaining = total;
    }

    /** Takes up to {@code wanted} bytes from the budget and says how many were granted. */
    int take(int wanted) {
        int granted = (int) Math.min(wanted, remaining);
        remaining -= granted;
        if (granted < wanted) {
            exceeded = true;
        }
        return granted;
    }

    boolean exhausted() {
        return remaining == 0;
    }

    boolean exceeded() {
        return exceeded;
    }

    void markExceeded() {
        exceeded = true;
    }
}
