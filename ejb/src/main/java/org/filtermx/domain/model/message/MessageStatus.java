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
    /** Held in the quarantine by the filter's verdict. */
    QUARANTINED,
    /** Refused at SMTP time (a copy may be kept in the quarantine). */
    REJECTED,
    /**
     * Answered 4xx at the end of DATA (a scanner the policy requires was down); the sender retries.
     */
    TEMPFAILED,
    /** Released from the quarantine; delivery follows as for accepted mail. */
    RELEASED,
    /** Removed from the quarantine when its retention ended. */
    EXPIRED,
    /** Deleted from the quarantine by a user. */
    DELETED
}
