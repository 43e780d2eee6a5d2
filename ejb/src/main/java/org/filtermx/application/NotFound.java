package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/** The caller asked for something that does not exist (or that it may not see). */
@ApplicationException(rollback = true)
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
