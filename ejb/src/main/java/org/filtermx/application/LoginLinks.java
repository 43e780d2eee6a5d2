package org.filtermx.application;

import java.time.Duration;
import java.time.Instant;

/**
 * Signed, expiring, single-use links through which an email user without a password sets one (ADR
 * 0025): carried by the welcome mail of an auto-enabled user and by reports to users without a
 * login. Holding the link is the only credential, so it works once and for {@link #LIFETIME}.
 */
public interface LoginLinks {

    /** How long a link works. */
    Duration LIFETIME = Duration.ofDays(7);

    /** A link as it goes into a mail, and when it stops working. */
    record Link(String url, Instant expiresAt) {}

    /**
     * A new link for email user {@code address}, in the caller's transaction (the link exists once
     * that commits; a rolled-back report leaves no usable link behind).
     *
     * @throws NotFound when there is no such email user
     */
    Link issue(String address);

    /**
     * The address a usable link is for, to show on the page before the password is chosen.
     *
     * @throws InvalidRequest when the link is malformed, unknown, used or expired (saying so)
     */
    String addressOf(String token);

    /**
     * Sets the user's password (the rules of every password, 10 to 200 characters) and uses the
     * link up, in one transaction; the user can log in with it at once. Returns the address.
     *
     * @throws InvalidRequest when the password breaks the rules (the link stays usable) or the link
     *     cannot be used
     */
    String setPassword(String token, String password);
}
