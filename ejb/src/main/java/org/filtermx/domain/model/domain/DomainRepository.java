package org.filtermx.domain.model.domain;

import java.util.List;
import java.util.Optional;

/** Stores hosted domains and tells every node when the set of domains has changed. */
public interface DomainRepository {

    Optional<Domain> findByName(String name);

    List<Domain> findAll();

    Optional<Domain> findById(long id);

    /** The main domain that owns {@code alias}, if it is an alias. */
    Optional<Domain> findByAlias(String alias);

    /** Writes pending changes, so that a new domain has its id. */
    void flush();

    void add(Domain domain);

    void remove(Domain domain);

    /**
     * Records that hosted-domain configuration changed, in the caller's transaction, so every
     * node's recipient cache reloads.
     */
    void markChanged();

    /** The configuration revision, raised by every {@link #markChanged()}. */
    long revision();

    /** The pending claim on {@code name} (a domain's own name or an alias), if there is one. */
    Optional<DomainClaim> findClaim(String name);

    /** The pending claims of one domain: its own name and its aliases still to be proven. */
    List<DomainClaim> claimsOf(long domainId);

    /** Every pending claim, for the per-node directory of names that take mail. */
    List<DomainClaim> allClaims();

    void addClaim(DomainClaim claim);

    void removeClaim(DomainClaim claim);

    /** The cluster's way of proving control over a new domain or alias. */
    DomainVerification verification();

    void changeVerification(DomainVerification verification);
}
