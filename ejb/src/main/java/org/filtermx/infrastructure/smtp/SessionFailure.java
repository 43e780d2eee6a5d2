package org.filtermx.infrastructure.smtp;

import org.filtermx.domain.model.delivery.DeliveryStatus;

/**
 * Ends a session early with a result for every recipient not yet decided; thrown by {@link
 * DeliverySession} where RFC 5321 says the transaction cannot go on.
 */
final class SessionFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeliveryStatus status;
    private final String reply;
    private final boolean fromRemote;
    private final boolean connectionUsable;

    private SessionFailure(
            DeliveryStatus status, String reply, boolean fromRemote, boolean connectionUsable) {
        super(reply, null, false, false);
        this.status = status;
        this.reply = reply;
        this.fromRemote = fromRemote;
        this.connectionUsable = connectionUsable;
    }

    /** The server refused; after anything but 421 the session can still be closed with QUIT. */
    static SessionFailure refused(SmtpReply reply) {
        return new SessionFailure(
                reply.failureStatus(), reply.text(), true, !reply.isServiceClosing());
    }

    /** The server's 5xx greeting: still temporary, as Postfix tries the next MX and defers. */
    static SessionFailure refusedGreeting(SmtpReply reply) {
        return new SessionFailure(DeliveryStatus.TEMPORARY, reply.text(), true, true);
    }

    /**
     * A decision made locally, such as a message over the server's SIZE limit; {@code
     * connectionUsable} is false when the session must be cut without QUIT, as when the spool
     * cannot be read in the middle of DATA and the final dot must never be sent.
     */
    static SessionFailure local(
            DeliveryStatus status, String description, boolean connectionUsable) {
        return new SessionFailure(status, description, false, connectionUsable);
    }

    /** The connection broke: a timeout, a reset, a close or a malformed reply. */
    static SessionFailure lost(String description) {
        return new SessionFailure(DeliveryStatus.TEMPORARY, description, false, false);
    }

    DeliveryStatus status() {
        return status;
    }

    String reply() {
        return reply;
    }

    boolean fromRemote() {
        return fromRemote;
    }

    boolean connectionUsable() {
        return connectionUsable;
    }
}
