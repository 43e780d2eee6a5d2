package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/** The request breaks a rule of the domain model; the message says which, in words. */
@ApplicationException(rollback = true)
public class InvalidRequest extends RuntimeException {

    public InvalidRequest(String message) {
        super(message);
    }
}
