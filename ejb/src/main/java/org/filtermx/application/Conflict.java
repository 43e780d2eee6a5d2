package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/** The request clashes with what exists, such as a domain name that is already hosted. */
@ApplicationException(rollback = true)
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
