package org.filtermx.application;

import java.util.Optional;

/** Logins: password checks and the bootstrap administrator. */
public interface AccountService {

    /**
     * The caller these credentials belong to, or empty; unknown users and wrong passwords take
     * the same time and give the same answer.
     */
    Optional<Caller> authenticate(String username, String password);

    /**
     * {@link #authenticate(String, String)} with login throttling: after repeated failures for
     * one user name or from one address, further attempts are refused with {@link
     * TooManyAttempts} for a while, whether the user exists or not, and whether the password is
     * right or not. The caller carries {@code remoteAddress}.
     */
    Optional<Caller> authenticate(String username, String password, String remoteAddress);

    /**
     * A console login: {@link #authenticate(String, String, String)}, and when the account has a
     * confirmed second factor, its current code too (RFC 6238). Every failure, whichever part was
     * wrong, gives the same empty answer and counts towards throttling.
     */
    Optional<Caller> authenticate(String username, String password, String code, String remoteAddress);

    /** What setting up the second factor shows once: the secret and the URI an app's QR scanner takes. */
    record TotpSetup(String secret, String uri) {}

    /** Starts setting up the caller's second factor with a new secret; it counts once confirmed. */
    TotpSetup startTotp(Caller caller);

    /** Confirms the second factor with a code from the app; {@link InvalidRequest} when wrong. */
    void confirmTotp(Caller caller, String code);

    /** Switches the second factor off after checking the password. */
    void disableTotp(Caller caller, String currentPassword);

    /** Whether the caller's console logins need a code. */
    boolean totpEnabled(Caller caller);

    /** Changes the caller's own password after checking the current one. */
    void changeOwnPassword(Caller caller, String currentPassword, String newPassword);

    /**
     * Creates the administrator {@code admin} when no administrator exists, with the configured
     * password or a random one written to the data directory.
     */
    void ensureBootstrapAdmin();
}
