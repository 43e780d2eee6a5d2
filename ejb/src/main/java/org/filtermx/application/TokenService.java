package org.filtermx.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for hosting-panel automation: a bearer token acts as the account that made it.
 * Only a hash of the token is stored; the token itself is shown once, when made.
 */
public interface TokenService {

    record TokenView(long id, String name, Instant createdAt, Instant lastUsedAt) {}

    /** A new token and its secret value, which cannot be read again. */
    record NewToken(TokenView token, String secret) {}

    NewToken create(Caller caller, String name);

    List<TokenView> list(Caller caller);

    void revoke(Caller caller, long id);

    /** The caller a bearer token belongs to, or empty. */
    Optional<Caller> authenticate(String bearer);
}
