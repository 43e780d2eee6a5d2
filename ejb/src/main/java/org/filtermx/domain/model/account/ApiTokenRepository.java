package org.filtermx.domain.model.account;

import java.util.List;
import java.util.Optional;

/** Stores API tokens by the hash of their value. */
public interface ApiTokenRepository {

    Optional<ApiToken> findByHash(String tokenHash);

    List<ApiToken> ofAccount(long accountId);

    Optional<ApiToken> find(long id);

    void add(ApiToken token);

    void remove(ApiToken token);
}
