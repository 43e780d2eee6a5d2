package org.filtermx.infrastructure.smtp;

/**
 * How an SMTP session with one destination ended, independent of the per-recipient results, so the
 * caller can tell a host that could not be talked to (try the next MX) from a decisive answer.
 */
public enum SessionOutcome {
    /** The server answered the transaction: the final dot, or RCPT for every recipient. */
    COMPLETED,
    /**
     * The session broke off temporarily: connect failure, timeout, greeting other than 220, 421, a
     * 4xx to HELO, MAIL, DATA or the final dot, or a dropped connection.
     */
    TEMPORARY_FAILURE,
    /** The server refused the whole transaction with 5xx to HELO, MAIL, DATA or the final dot. */
    PERMANENT_FAILURE
}
