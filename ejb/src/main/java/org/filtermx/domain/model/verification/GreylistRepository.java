package org.filtermx.domain.model.verification;

import java.time.Instant;
import java.util.Optional;

/**
 * Greylisting's shared state (ADR 0032): triplets of client subnet, sender and recipient, and the
 * passes per subnet that whitelist it. Rows past their expiry are never returned; housekeeping
 * deletes them.
 */
public interface GreylistRepository {

    /** A triplet as stored: when it was first seen and, once it passed, when. */
    record Triplet(Instant firstSeen, Instant passedAt) {
        public boolean passed() {
            return passedAt != null;
        }
    }

    /** The triplet's state at {@code now}, if it is known and not expired. */
    Optional<Triplet> find(String triplet, Instant now);

    /**
     * Starts the triplet afresh (first seen {@code now}, not passed), replacing an expired row; a
     * row another node wrote at the same moment wins.
     */
    void firstSeen(String triplet, Instant now, Instant expires);

    /** Marks the triplet passed (its first pass keeps its time) until {@code expires}. */
    void passed(String triplet, Instant now, Instant expires);

    /** The subnet's passes counted until now, 0 when unknown or expired. */
    int passes(String subnet, Instant now);

    /** Counts one more pass for the subnet, keeping the count until {@code expires}. */
    void countPass(String subnet, Instant expires);

    /** Deletes at most {@code batch} expired triplets and the expired subnets; returns how many. */
    int purge(Instant now, int batch);
}
