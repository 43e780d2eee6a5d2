package org.filtermx.domain.model.spool;

/** Delivery state of one recipient of a spooled message. */
public enum RecipientState {
    PENDING,
    DELIVERED,
    FAILED;

    public boolean finished() {
        return this != PENDING;
    }
}
