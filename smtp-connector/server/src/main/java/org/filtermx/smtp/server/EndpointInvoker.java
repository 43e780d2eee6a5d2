package org.filtermx.smtp.server;

import java.nio.file.Path;
import java.util.Objects;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Makes one blocking call to whatever decides for the server: a JCA message endpoint in the
 * container, or a plain {@link SmtpListener} in tests and benchmarks.
 *
 * <p>The server calls these methods only from its blocking-work executor, never from a network
 * event loop. Any exception is answered {@code 451 4.3.0}.
 */
public interface EndpointInvoker {

    RecipientDecision onRecipient(SmtpSession session, String reversePath, String recipient)
            throws Exception;

    Reply onMessage(SmtpSession session, Envelope envelope, Path message) throws Exception;

    /** Asked at MAIL FROM on the submission listeners only ({@link SmtpListener#onSender}). */
    Reply onSender(SmtpSession session, String reversePath) throws Exception;

    /** Asked at the end of an AUTH exchange ({@link SmtpListener#onAuthenticate}). */
    AuthDecision onAuthenticate(SmtpSession session, String username, String password)
            throws Exception;

    /** Told once when a submission connection has closed ({@link SmtpListener#onClose}). */
    void onClose(SmtpSession session) throws Exception;

    /** An invoker that calls the given listener directly, for use outside a container. */
    static EndpointInvoker direct(SmtpListener listener) {
        Objects.requireNonNull(listener, "listener");
        return new EndpointInvoker() {
            @Override
            public RecipientDecision onRecipient(
                    SmtpSession session, String reversePath, String recipient) {
                return listener.onRecipient(session, reversePath, recipient);
            }

            @Override
            public Reply onMessage(SmtpSession session, Envelope envelope, Path message) {
                return listener.onMessage(session, envelope, message);
            }

            @Override
            public Reply onSender(SmtpSession session, String reversePath) {
                return listener.onSender(session, reversePath);
            }

            @Override
            public AuthDecision onAuthenticate(
                    SmtpSession session, String username, String password) {
                return listener.onAuthenticate(session, username, password);
            }

            @Override
            public void onClose(SmtpSession session) {
                listener.onClose(session);
            }
        };
    }
}
