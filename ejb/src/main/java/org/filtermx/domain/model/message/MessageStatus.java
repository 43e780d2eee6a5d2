package org.filtermx.domain.model.message;

/** Where a logged message stands; the last event's status is the entry's status. */
public enum MessageStatus {
    /** Answered 250 and stored in the spool. */
    ACCEPTED,
    /** A delivery attempt failed temporarily; it will be retried. */
    DEFERRED,
    /** Delivered to every recipient. */
    DELIVERED,
    /** At least one recipient failed permanently or the message expired; a DSN was made. */
    BOUNCED,
    /** Refused at SMTP time. */
    REJECTED
}
