package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * The training queue as {@code GET /training/queue} shows it: messages waiting to be learnt
 * (including those a worker is learning now), messages that could not be learnt, how long the
 * oldest waiting one has waited (null when none waits), and the latest failures.
 */
public record TrainingQueueStatus(
        long waiting, long failed, Long oldestWaitingSeconds, List<Failure> failures) {

    /** A message that could not be learnt: kept for inspection for a few days. */
    public record Failure(
            long id,
            String kind,
            String domain,
            String queuedBy,
            Instant queuedAt,
            Instant failedAt,
            String error) {}
}
