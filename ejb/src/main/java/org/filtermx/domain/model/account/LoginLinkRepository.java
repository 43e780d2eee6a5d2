package org.filtermx.domain.model.account;

import java.time.Instant;
import java.util.Optional;

/**
 * Login links of email users: only the SHA-256 of each token is kept, so the table lets nobody log
 * in; a link is used once, before it expires.
 */
public interface LoginLinkRepository {

    void add(String tokenHash, String address, Instant createdAt, Instant expiresAt);

    /** The address of an unused, unexpired link, or empty. */
    Optional<String> usable(String tokenHash, Instant now);

    /**
     * Marks the link used if it is unused and unexpired, in one conditional update, and returns its
     * address; empty when it is not (used, expired, unknown), so a link is consumed at most once
     * even by racing requests.
     */
    Optional<String> consume(String tokenHash, Instant now);

    /** Deletes links that expired before {@code before}; returns how many. */
    int purge(Instant before, int limit);
}
