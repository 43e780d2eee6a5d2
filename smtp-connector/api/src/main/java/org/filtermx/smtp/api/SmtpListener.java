package org.filtermx.smtp.api;

import java.nio.file.Path;

/**
 * Message listener interface of the SMTP resource adapter: the connector speaks SMTP and asks its
 * endpoint (a message-driven bean) for every decision, then writes back the reply it is given.
 *
 * <p>Calls are synchronous and never made on a network event loop. An implementation must not
 * throw; if it does, the connector answers {@code 451 4.3.0} and keeps nothing.
 */
public interface SmtpListener {

    /**
     * Decides one {@code RCPT TO} (RFC 5321 section 4.1.1.3). The returned decision may rewrite the
     * envelope recipient (an alias domain's address to its main domain's).
     */
    RecipientDecision onRecipient(SmtpSession session, String reversePath, String recipient);

    /**
     * Takes a complete message at the end of DATA (RFC 5321 section 4.1.1.4). A positive completion
     * reply (2xx) promises that the message is durable; the connector deletes {@code message} after
     * this call returns, so the endpoint copies what it keeps.
     *
     * @param message the received bytes, CRLF line ends, transparency dots removed
     */
    Reply onMessage(SmtpSession session, Envelope envelope, Path message);

    /**
     * Decides one {@code MAIL FROM} (RFC 5321 section 4.1.1.2) after the connector's own syntax and
     * size checks. A positive reply opens the transaction (the connector answers with its own
     * {@code 250 2.1.0}); a refusal is sent as it is. On the submission port this is where an
     * unauthenticated, unauthorized client gets {@code 530 5.7.0} (RFC 4954 section 6), a locked
     * account {@code 550 5.7.1} and an account over its limits {@code 451 4.7.x}. The inbound port
     * accepts every sender here.
     *
     * @param reversePath the address without angle brackets, empty for the null reverse-path
     */
    default Reply onSender(SmtpSession session, String reversePath) {
        return Reply.ok("Sender ok");
    }

    /**
     * Checks one set of SMTP AUTH credentials (RFC 4954; mechanisms PLAIN and LOGIN). The connector
     * offers AUTH only where the endpoint's role allows it and only over TLS (or on loopback when
     * so configured). The default refuses every credential.
     *
     * @param username the authentication identity as the client sent it (decoded, not trimmed)
     * @param password the password as the client sent it
     */
    default AuthDecision onAuthenticate(SmtpSession session, String username, String password) {
        return AuthDecision.invalidCredentials();
    }

    /**
     * The connection of {@code session} has closed, however it ended; resources the endpoint holds
     * for it (a concurrent-connection slot) can be given back. Never throws.
     */
    default void onClose(SmtpSession session) {}
}
