package org.filtermx.domain.model.message;

/** Whether a message came in through the MX port or out through submission. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
