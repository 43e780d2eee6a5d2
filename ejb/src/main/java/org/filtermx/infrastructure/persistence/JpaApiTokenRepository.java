package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.account.ApiToken;
import org.filtermx.domain.model.account.ApiTokenRepository;

/** API tokens in the database. */
@ApplicationScoped
public class JpaApiTokenRepository implements ApiTokenRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<ApiToken> ofAccount(long accountId) {
        return em.createQuery(
                        "SELECT t FROM ApiToken t WHERE t.accountId = :account ORDER BY t.id",
                        ApiToken.class)
                .setParameter("account", accountId)
                .getResultList();
    }

    @Override
    public Optional<ApiToken> find(long id) {
        return Optional.ofNullable(em.find(ApiToken.class, id));
    }

    @Override
    public void add(ApiToken token) {
        em.persist(token);
    }

    @Override
    public void remove(ApiToken token) {
        em.remove(em.contains(token) ? token : em.merge(token));
    }
}
