package org.filtermx.domain.model.spool;

/**
 * Delivery state of one recipient of a spooled message: pending until the destination accepts it
 * ({@code DELIVERED}) or it fails for good ({@code FAILED}: a permanent reply, or its retries ran
 * out); both are final.
 */
public enum RecipientState {
    PENDING,
    DELIVERED,
    FAILED
}
