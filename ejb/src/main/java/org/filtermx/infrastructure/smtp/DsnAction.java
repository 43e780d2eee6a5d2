package org.filtermx.infrastructure.smtp;

/** The {@code Action} of a DSN recipient (RFC 3464 section 2.3.3) that FilterMX reports. */
public enum DsnAction {
    /** Delivery failed for good: rejected with 5xx, or retried until the queue lifetime ran out. */
    FAILED("failed"),
    /** Still being retried; the sender gets a warning (RFC 3464 section 2.3.3 "delayed"). */
    DELAYED("delayed");

    private final String fieldValue;

    DsnAction(String fieldValue) {
        this.fieldValue = fieldValue;
    }

    /** The value as written in the {@code Action:} field. */
    public String fieldValue() {
        return fieldValue;
    }
}
