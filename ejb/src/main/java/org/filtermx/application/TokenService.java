package org.filtermx.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for hosting-panel automation: a bearer token acts as the account that made it. Only a
 * hash of the token is stored; the token itself is shown once, when made.
 */
public interface TokenService {

    record TokenEntry(long id, String name, Instant createdAt, Instant lastUsedAt) {}

    /** A new token and its secret value, which cannot be read again. */
    record NewToken(TokenEntry token, String secret) {}

    /**
     * Makes a token, after checking the caller's current password and, when two-step login is on, a
     * current code ({@link AccountService#confirmIdentity}).
     */
    NewToken create(Caller caller, String name, String currentPassword, String code);

    List<TokenEntry> list(Caller caller);

    /** Revokes one of the caller's tokens, after the same check as {@link #create}. */
    void revoke(Caller caller, long id, String currentPassword, String code);

    /** The caller a bearer token belongs to, or empty. */
    Optional<Caller> authenticate(String bearer);
}
