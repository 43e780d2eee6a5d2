package org.filtermx.application;

import java.util.Optional;
import org.filtermx.domain.model.account.AccountRole;

/**
 * A short fingerprint of a login account as it is now: which row it is and which password it has. A
 * console session keeps the stamp of the account it logged in as and ends when the stamp changes:
 * the account was deleted, replaced by another of the same name, or given a new password.
 */
public interface AccountStamps {

    /** The stamp of the account {@code username} of {@code role}; empty when there is none. */
    Optional<String> current(String username, AccountRole role);
}
