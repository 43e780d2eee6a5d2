package org.filtermx.application.internal.submission;

import org.filtermx.domain.model.filter.Verdict;

/**
 * What happens to an outgoing message given its scan and its domain's outbound thresholds: a virus
 * is always blocked; a score at or above the spam threshold is blocked, and at or above the lock
 * threshold also locks the sender; a scanner the policy requires being down asks the client to
 * retry; anything else goes out.
 */
enum OutboundDecision {
    SEND,
    BLOCK,
    BLOCK_AND_LOCK,
    RETRY;

    static OutboundDecision of(Verdict scanned, OutboundThresholds.Thresholds t) {
        if (scanned.action() == Verdict.Action.TEMPFAIL) {
            return RETRY;
        }
        if (scanned.score() >= t.lock()) {
            return BLOCK_AND_LOCK;
        }
        if (scanned.malware() || scanned.score() >= t.spam()) {
            return BLOCK;
        }
        return SEND;
    }

    boolean blocked() {
        return this == BLOCK || this == BLOCK_AND_LOCK;
    }
}
