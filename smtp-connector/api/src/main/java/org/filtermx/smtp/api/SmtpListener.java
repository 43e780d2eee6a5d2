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
}
