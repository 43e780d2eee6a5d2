package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.account.EmailUser;
import org.filtermx.domain.model.account.EmailUserRepository;

/** Email users in the database. */
@ApplicationScoped
public class JpaEmailUserRepository implements EmailUserRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<EmailUser> findByAddress(String address) {
        return em.createQuery(
                        "SELECT u FROM EmailUser u WHERE u.address = :address", EmailUser.class)
                .setParameter("address", address)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<EmailUser> list(long domainId, String after, int limit) {
        var query =
                em.createQuery(
                                "SELECT u FROM EmailUser u WHERE u.domainId = :domain"
                                        + (after == null ? "" : " AND u.address > :after")
                                        + " ORDER BY u.address",
                                EmailUser.class)
                        .setParameter("domain", domainId);
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public List<String> addressesOf(long domainId) {
        return em.createQuery(
                        "SELECT u.address FROM EmailUser u WHERE u.domainId = :domain",
                        String.class)
                .setParameter("domain", domainId)
                .getResultList();
    }

    @Override
    public void add(EmailUser user) {
        em.persist(user);
    }

    @Override
    public void remove(EmailUser user) {
        em.remove(em.contains(user) ? user : em.merge(user));
    }
}
