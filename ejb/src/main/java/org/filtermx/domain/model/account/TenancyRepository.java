package org.filtermx.domain.model.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenancy tree: which reseller owns a domain, and which reseller a sub-reseller belongs to. */
public interface TenancyRepository {

    /** Every sub-reseller's parent: reseller account id to parent account id. */
    Map<Long, Long> resellerParents();

    void setParent(long resellerId, long parentId);

    /** The owning reseller's account id, empty for an administrator's domain. */
    Optional<Long> ownerOf(long domainId);

    void own(long domainId, long resellerId);

    /** Names of the domains the given resellers own. */
    List<String> domainsOwnedBy(Collection<Long> resellerIds);

    long countDomainsOwnedBy(long resellerId);

    List<UserAccount> accountsByRole(AccountRole role);

    Optional<UserAccount> account(long id);
}
