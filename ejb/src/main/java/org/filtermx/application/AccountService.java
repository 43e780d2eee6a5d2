package org.filtermx.application;

import java.util.Optional;

/**
 * Logins and the caller's own credentials. Every password check goes through login throttling:
 * after repeated failures for one user name or from one address, further checks are refused with
 * {@link TooManyAttempts} for a while, whether the user exists or not and whether the password is
 * right or not. Every change of a password, the second factor or API tokens asks for the current
 * password and, when two-step login is on, a current code.
 */
public interface AccountService {

    /**
     * The one password check of logins that cannot ask for a second code: HTTP Basic on the API,
     * and the SMTP AUTH and IMAP listeners. An account with two-step login is refused here just
     * like a wrong password (it uses API tokens), so the answer never tells an attacker that the
     * password was right. Unknown users and wrong passwords take the same time and give the same
     * answer. The caller carries {@code remoteAddress}.
     */
    Optional<Caller> authenticate(String username, String password, String remoteAddress);

    /**
     * A console login: the password, and when the account has a confirmed second factor its current
     * code too (RFC 6238). Every failure, whichever part was wrong, gives the same empty answer and
     * counts towards throttling.
     */
    Optional<Caller> authenticate(
            String username, String password, String code, String remoteAddress);

    /**
     * Checks, before a sensitive change, that the caller still knows its password and, when
     * two-step login is on, holds its second factor: throttled like a login; {@link InvalidRequest}
     * when wrong.
     */
    void confirmIdentity(Caller caller, String currentPassword, String code);

    /**
     * What setting up the second factor shows once: the secret and the URI an app's QR scanner
     * takes.
     */
    record TotpSetup(String secret, String uri) {}

    /**
     * Starts setting up the caller's second factor with a new secret, after checking the current
     * password; it counts once confirmed. A confirmed second factor is never replaced here ({@link
     * Conflict}): it is switched off first, with password and code.
     */
    TotpSetup startTotp(Caller caller, String currentPassword);

    /** Confirms the second factor with a code from the app; {@link InvalidRequest} when wrong. */
    void confirmTotp(Caller caller, String code);

    /** Switches the second factor off after checking the password and a current code. */
    void disableTotp(Caller caller, String currentPassword, String code);

    /** Whether the caller's logins need a code. */
    boolean totpEnabled(Caller caller);

    /** Changes the caller's own password after checking the current one (and code, when on). */
    void changeOwnPassword(Caller caller, String currentPassword, String code, String newPassword);

    /**
     * Creates the administrator {@code admin} when no administrator exists, with the configured
     * password or a random one written to the data directory.
     */
    void ensureBootstrapAdmin();
}
