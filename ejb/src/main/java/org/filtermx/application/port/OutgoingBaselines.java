package org.filtermx.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.outgoing.Baseline;
import org.filtermx.domain.model.outgoing.Baseline.HourCount;

/**
 * The circuit breaker's rows in the shared database (ADR 0045): hourly counts per outgoing
 * identity, the learned baselines, per-user floors and the self-service unlocks. Every method runs
 * in the caller's transaction, which holds the outgoing user's row lock when it counts or unlocks.
 */
public interface OutgoingBaselines {

    /** Floors of one user that replace the cluster's. */
    record Floor(int messages, int recipients) {}

    /** Adds a message with its recipients to the identity's hour, in one atomic upsert. */
    void count(long userId, String identity, long hour, int messages, int recipients);

    /** The identity's count of one hour (zero when it sent nothing). */
    HourCount hour(long userId, String identity, long hour);

    /** The hours with mail in {@code (after, upTo]}, at most {@code max} of the latest. */
    List<HourCount> hours(long userId, String identity, long after, long upTo, int max);

    /** The identity's baseline, read with a lock, and when it sent its first message. */
    Optional<Learned> baseline(long userId, String identity);

    /** A baseline with the time of the identity's first message. */
    record Learned(Baseline baseline, Instant firstSeen) {}

    /** Starts the identity's baseline unless another session started it already. */
    void start(long userId, String identity, Baseline baseline, Instant now);

    /**
     * Replaces the baseline when it is still folded up to {@code expectedFoldedHour}; false when
     * another session folded it first.
     */
    boolean replace(long userId, String identity, long expectedFoldedHour, Baseline baseline);

    /** The baselines of all identities of a user (for the console and the API), at most 100. */
    List<Identity> identities(long userId);

    /** One identity's baseline and first message. */
    record Identity(String identity, Baseline baseline, Instant firstSeen) {}

    Optional<Floor> floor(long userId);

    void setFloor(long userId, Floor floor);

    void clearFloor(long userId);

    /**
     * Records a self-service unlock on {@code day} (days since the epoch) unless there is one; the
     * caller holds the user's row lock, and the check reads with a lock, so of two parallel unlocks
     * exactly one is recorded.
     */
    boolean takeSelfUnlock(long userId, long day, Instant at, String by);

    /** Whether the user's self-service unlock of {@code day} was used. */
    boolean selfUnlockUsed(long userId, long day);

    /** Deletes hourly counts before {@code hour}; returns how many. */
    int purgeHours(long beforeHour);
}
