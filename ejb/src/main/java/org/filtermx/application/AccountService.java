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

    /** Changes the caller's own password after checking the current one. */
    void changeOwnPassword(Caller caller, String currentPassword, String newPassword);

    /**
     * Creates the administrator {@code admin} when no administrator exists, with the configured
     * password or a random one written to the data directory.
     */
    void ensureBootstrapAdmin();
}
