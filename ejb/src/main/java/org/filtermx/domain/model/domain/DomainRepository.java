package org.filtermx.domain.model.domain;

import java.util.List;
import java.util.Optional;

/** Stores hosted domains and tells every node when the set of domains has changed. */
public interface DomainRepository {

    Optional<Domain> findByName(String name);

    List<Domain> findAll();

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
}
