package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/**
 * Too many failed logins for a user name or from an address: try again after {@code
 * retryAfterSeconds}.
 */
@ApplicationException(rollback = true)
public class TooManyAttempts extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyAttempts(long retryAfterSeconds) {
        super("too many failed logins; try again in " + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
