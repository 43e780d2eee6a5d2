package org.filtermx.domain.model.account;

import java.util.Optional;
import java.util.Set;

/**
 * Stores accounts. Every lookup by name says which kinds of account it expects, so that no endpoint
 * of one kind ever reaches an account of another (names of different kinds never collide either:
 * {@link AccountName}).
 */
public interface UserAccountRepository {

    /** The account named {@code username} if it is of kind {@code role}. */
    default Optional<UserAccount> find(String username, AccountRole role) {
        return find(username, Set.of(role));
    }

    /** The account named {@code username} if it is of one of {@code roles}. */
    Optional<UserAccount> find(String username, Set<AccountRole> roles);

    /**
     * The login a password check by name may reach: only accounts of the kinds whose names look
     * like {@code username} ({@link AccountName#kindsOf}).
     */
    default Optional<UserAccount> findLogin(String username) {
        Set<AccountRole> kinds = AccountName.kindsOf(username);
        return kinds.isEmpty() ? Optional.empty() : find(username, kinds);
    }

    /** Whether any account, of any kind, has this name (one name is one login). */
    boolean nameTaken(String username);

    long countByRole(AccountRole role);

    void add(UserAccount account);

    void remove(UserAccount account);

    /** Writes pending changes, so that a new account has its id. */
    void flush();
}
