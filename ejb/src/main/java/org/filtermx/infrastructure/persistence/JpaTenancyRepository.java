package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.UserAccount;

/** The tenancy tree in {@code reseller_parent} and {@code domain_owner}. */
@ApplicationScoped
public class JpaTenancyRepository implements TenancyRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Map<Long, Long> resellerParents() {
        Map<Long, Long> parents = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("SELECT reseller_id, parent_id FROM reseller_parent")
                        .getResultList();
        for (Object[] row : rows) {
            parents.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return parents;
    }

    @Override
    public void setParent(long resellerId, long parentId) {
        em.createNativeQuery("INSERT INTO reseller_parent (reseller_id, parent_id) VALUES (?, ?)")
                .setParameter(1, resellerId)
                .setParameter(2, parentId)
                .executeUpdate();
    }

    @Override
    public Optional<Long> ownerOf(long domainId) {
        @SuppressWarnings("unchecked")
        List<Number> rows =
                em.createNativeQuery("SELECT reseller_id FROM domain_owner WHERE domain_id = ?")
                        .setParameter(1, domainId)
                        .getResultList();
        return rows.stream().findFirst().map(Number::longValue);
    }

    @Override
    public void own(long domainId, long resellerId) {
        em.createNativeQuery("INSERT INTO domain_owner (domain_id, reseller_id) VALUES (?, ?)")
                .setParameter(1, domainId)
                .setParameter(2, resellerId)
                .executeUpdate();
    }

    @Override
    public List<String> domainsOwnedBy(Collection<Long> resellerIds) {
        if (resellerIds.isEmpty()) {
            return List.of();
        }
        Query q =
                em.createNativeQuery(
                        "SELECT d.name FROM domain d JOIN domain_owner o ON o.domain_id = d.id"
                                + " WHERE o.reseller_id IN ("
                                + "?, ".repeat(resellerIds.size() - 1)
                                + "?) ORDER BY d.name");
        int i = 1;
        for (Long id : resellerIds) {
            q.setParameter(i++, id);
        }
        @SuppressWarnings("unchecked")
        List<String> names = q.getResultList();
        return names;
    }

    @Override
    public long countDomainsOwnedBy(long resellerId) {
        return ((Number)
                        em.createNativeQuery(
                                        "SELECT COUNT(*) FROM domain_owner WHERE reseller_id = ?")
                                .setParameter(1, resellerId)
                                .getSingleResult())
                .longValue();
    }

    @Override
    public List<UserAccount> accountsByRole(AccountRole role) {
        return em.createQuery(
                        "SELECT a FROM UserAccount a WHERE a.role = :role ORDER BY a.username",
                        UserAccount.class)
                .setParameter("role", role)
                .getResultList();
    }

    @Override
    public Optional<UserAccount> account(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }
}
