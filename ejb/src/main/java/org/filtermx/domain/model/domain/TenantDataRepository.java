package org.filtermx.domain.model.domain;

/**
 * Everything kept under a hosted domain's name outside the domain's own rows: held mail, the
 * message log, allow and block lists (the domain's and its users'), and its filter policy. These
 * are keyed by the name, not the domain's id, so they must go with the domain: a tenant who adds
 * the name later must not see, or be filtered by, what the previous one left (ADR 0014).
 */
public interface TenantDataRepository {

    /**
     * Deletes what is kept under {@code domainName}, in the caller's transaction. Log entries of
     * messages still in the spool stay, so their delivery can still record its outcome.
     *
     * @return the number of rows deleted
     */
    int purge(String domainName);
}
