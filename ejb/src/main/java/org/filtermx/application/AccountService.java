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
     * Creates the administrator {@code admin} when no administrator exists, with the configured
     * password or a random one written to the data directory.
     */
    void ensureBootstrapAdmin();
}
