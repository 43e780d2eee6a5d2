package org.filtermx.domain.model.account;

import java.util.Optional;

/** Stores accounts. */
public interface UserAccountRepository {

    Optional<UserAccount> findByUsername(String username);

    long countByRole(AccountRole role);

    void add(UserAccount account);

    void remove(UserAccount account);

    /** Writes pending changes, so that a new account has its id. */
    void flush();
}
