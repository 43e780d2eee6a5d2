package org.filtermx.smtp.server.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;

/**
 * The SMTP AUTH state of one session (RFC 4954): whether AUTH is offered, the exchange in progress,
 * and the identity the endpoint confirmed. Only the submission role offers AUTH, and only over TLS
 * or, when the operator allows it, in clear to a loopback client.
 */
final class Authentication {

    private final boolean submission;
    private final boolean clearAllowed;
    private SaslExchange exchange;
    private String identity;

    Authentication(Role role, boolean clearOnLoopback, String clientAddress) {
        this.submission = role == Role.SUBMISSION;
        this.clearAllowed = submission && clearOnLoopback && loopback(clientAddress);
    }

    /** RFC 4954 section 4: EHLO lists AUTH only where it can be used. */
    boolean offered(boolean tls) {
        return submission && (tls || clearAllowed);
    }

    /** Whether the next line is the client's answer to a challenge rather than a command. */
    boolean inExchange() {
        return exchange != null;
    }

    /** The authenticated identity, or {@code null}. */
    String identity() {
        return identity;
    }

    /**
     * RFC 4954 section 4: AUTH once per session, after EHLO, outside a transaction, and only where
     * it is offered; the submission port asks for TLS first (RFC 4954 section 6, 538).
     */
    Step command(String argument, boolean greeted, boolean inTransaction, boolean tls) {
        if (!submission) {
            return new Step.Respond(SmtpReplies.AUTH_NOT_ENABLED);
        }
        if (!greeted) {
            return new Step.Respond(SmtpReplies.NEED_HELO);
        }
        if (identity != null) {
            return new Step.Respond(SmtpReplies.ALREADY_AUTHENTICATED);
        }
        if (inTransaction) {
            return new Step.Respond(SmtpReplies.AUTH_DURING_TRANSACTION);
        }
        if (!offered(tls)) {
            return new Step.Respond(SmtpReplies.ENCRYPTION_REQUIRED);
        }
        SaslExchange.Start start = SaslExchange.start(argument);
        exchange = start.exchange();
        return start.step();
    }

    /** The client's answer to a challenge; the exchange ends unless another challenge follows. */
    Step response(String line) {
        Step step = exchange.respond(line);
        if (!SaslExchange.isChallenge(step)) {
            exchange = null;
        }
        return step;
    }

    /** Ends the exchange in progress, if any (the line was refused before it was read). */
    void abort() {
        exchange = null;
    }

    /** Records the endpoint's decision; returns the reply. */
    Reply decided(AuthDecision decision) {
        if (decision.authenticated()) {
            identity = decision.identity();
        }
        return decision.reply();
    }

    /** RFC 3207 section 4.2: after the TLS handshake nothing learnt in clear counts. */
    void reset() {
        exchange = null;
        identity = null;
    }

    private static boolean loopback(String clientAddress) {
        try {
            // An address literal (getHostAddress()): no name lookup happens.
            return InetAddress.getByName(clientAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
