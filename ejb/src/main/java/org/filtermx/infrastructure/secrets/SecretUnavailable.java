package org.filtermx.infrastructure.secrets;

/** A sealed secret that cannot be opened with this node's key file. */
public class SecretUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretUnavailable(String message) {
        super(message);
    }
}
