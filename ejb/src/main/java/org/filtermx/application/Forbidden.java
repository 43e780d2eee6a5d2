package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/** The caller is known but its role does not allow this. */
@ApplicationException(rollback = true)
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
