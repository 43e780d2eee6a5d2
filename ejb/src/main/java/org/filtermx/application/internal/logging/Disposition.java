package org.filtermx.application.internal.logging;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * What became of a message for a recipient, as the {@code status=} of a disposition line: the words
 * Postfix's log uses where it has one ({@code sent}, {@code deferred}, {@code bounced}, {@code
 * expired}), so that tools written for it read these too.
 */
public enum Disposition {
    /** The destination accepted the message for the recipient. */
    SENT,
    /** A temporary failure; the message stays queued for another attempt. */
    DEFERRED,
    /** A permanent failure; the sender gets a DSN unless it is withheld. */
    BOUNCED,
    /** Still undelivered when the queue lifetime ran out: given up, as a bounce. */
    EXPIRED,
    /** Accepted and kept in the quarantine instead of delivered. */
    HELD,
    /** Refused at the end of DATA with a 5xx reply. */
    REJECTED;

    /** The lower-case word of the log line. */
    public String word() {
        return LowerCase.of(name());
    }

    /** The enhanced status code (RFC 3463) a line carries when the reply names none. */
    String defaultDsn() {
        return switch (this) {
            case SENT, HELD -> "2.0.0";
            case DEFERRED -> "4.0.0";
            case BOUNCED, EXPIRED, REJECTED -> "5.0.0";
        };
    }
}
