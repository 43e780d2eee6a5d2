package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * What the outbound circuit breaker knows of an outgoing user (ADR 0045), within the caller's
 * tenancy as {@link OutgoingUserService}: its learned baseline, its current hour and the limits
 * that apply, its locks and whether its domain may still unlock it today; administrators and
 * resellers may give a user floors of its own.
 */
public interface OutgoingBreakerService {

    /**
     * One identity of the user ({@code identity} empty: the account).
     *
     * @param baselineMessages learned messages per hour (bias-corrected weighted average)
     * @param baselineRecipients learned recipients per hour
     * @param hourMessages messages in the current clock hour (UTC)
     * @param hourRecipients recipients in the current clock hour
     * @param messageLimit messages this hour above which the breaker locks
     * @param recipientLimit recipients this hour above which the breaker locks
     * @param learning whether the identity is still in its warm-up (floors only)
     * @param hoursLearned how many hours the baseline includes
     * @param firstSeen the identity's first counted message, null when none yet
     * @param lockReason why it is locked, or null
     */
    record IdentityStatus(
            String identity,
            double baselineMessages,
            double baselineRecipients,
            long hourMessages,
            long hourRecipients,
            long messageLimit,
            long recipientLimit,
            boolean learning,
            int hoursLearned,
            Instant firstSeen,
            String lockReason) {}

    /**
     * A user's breaker state.
     *
     * @param ownFloors whether the floors are the user's own rather than the cluster's
     * @param selfUnlockAvailable whether the domain's login may still unlock it today
     */
    record BreakerStatus(
            long userId,
            String domain,
            boolean enabled,
            int floorMessages,
            int floorRecipients,
            boolean ownFloors,
            double factor,
            int warmupHours,
            boolean locked,
            boolean selfUnlockAvailable,
            List<IdentityStatus> identities) {}

    BreakerStatus status(Caller caller, long id);

    /**
     * Sets the user's own floors (both null: back to the cluster's); administrators and resellers
     * only.
     */
    BreakerStatus setFloors(Caller caller, long id, Integer messages, Integer recipients);
}
