package org.filtermx.application;

import java.util.Optional;

/**
 * Answers "is this domain hosted here, and as what?" without a database query per recipient: a
 * per-node cache that reloads when the shared configuration revision moves.
 */
public interface HostedDomainDirectory {

    /**
     * The hosted domain that {@code domainName} names, directly or as an alias.
     *
     * @throws org.filtermx.application.TemporaryFailure when the cache is stale and the database
     *     cannot be reached
     */
    Optional<HostedDomain> lookup(String domainName);

    /** Drops this node's cache; the next lookup reloads. */
    void invalidate();
}
