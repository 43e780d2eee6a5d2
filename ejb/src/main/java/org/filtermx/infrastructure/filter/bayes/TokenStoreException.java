package org.filtermx.infrastructure.filter.bayes;

/** The token store could not be read or written, such as when the database is unreachable. */
public class TokenStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
