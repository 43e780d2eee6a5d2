package org.filtermx.imap.server.protocol;

/**
 * The endpoint threw or returned nothing: the command ends with {@code NO [UNAVAILABLE]} (the
 * contract of {@link org.filtermx.imap.api.ImapListener}), and the cause is logged, never sent.
 */
final class EndpointFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EndpointFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
