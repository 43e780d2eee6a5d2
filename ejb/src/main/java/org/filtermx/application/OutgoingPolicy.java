package org.filtermx.application;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * What the submission ports (587, 465) may do, decided per session and transaction: who the client
 * is (SMTP AUTH or an authorized address), whether it may send now (locks, limits per hour and
 * concurrent connections, the same on every node), and the counting of what it sent.
 *
 * <p>Only outgoing users relay: everyone else gets {@code 530 5.7.0} at MAIL. Port 25 never asks
 * this policy.
 */
public interface OutgoingPolicy {

    /**
     * Checks SMTP AUTH credentials of an outgoing user (RFC 4954 section 6). Every failed attempt
     * counts against the same database throttle as console and API logins; while it holds, the
     * answer is {@code 454 4.7.0}, whatever the password.
     */
    AuthDecision authenticate(SmtpSession session, String username, String password);

    /**
     * Decides MAIL FROM: {@code 530 5.7.0} without authentication or an authorized address, {@code
     * 550 5.7.1} for a locked user (saying whom to contact), {@code 451 4.7.x} when the user is
     * over a limit, else a positive reply.
     */
    Reply sender(SmtpSession session, String reversePath);

    /** Decides RCPT TO for an admitted sender: the recipients-per-hour limit. */
    RecipientDecision recipient(SmtpSession session, String reversePath, String recipient);

    /**
     * The outgoing sender of a transaction at the end of DATA, or empty when the session has no
     * outgoing user (it cannot have passed {@link #sender}, but the user may have been removed).
     *
     * @param header the first value of a header field of the message by name, or null
     */
    Optional<OutgoingSender> identify(
            SmtpSession session, String reversePath, UnaryOperator<String> header);

    /**
     * Counts one message with {@code recipients} recipients against the sender's hourly limits,
     * atomically for the whole cluster: empty when it is within them (and counted), else the {@code
     * 451 4.7.x} or {@code 550 5.7.1} refusal (nothing counted).
     */
    Optional<Reply> admit(OutgoingSender sender, int recipients);

    /**
     * Locks the sender after spam was found in its mail, when its automatic lock is on; returns
     * whether this call locked it (false: off, or locked already).
     */
    boolean lockForSpam(OutgoingSender sender, String reason);

    /** The session's connection closed: gives back its concurrent-connection slot. */
    void closed(SmtpSession session);
}
