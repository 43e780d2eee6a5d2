package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/**
 * A failure that will pass (database or DNS unreachable, disk full): the SMTP client is told to try
 * again later with a 4xx reply, and nothing is lost.
 */
@ApplicationException(rollback = true)
public class TemporaryFailure extends RuntimeException {

    public TemporaryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
