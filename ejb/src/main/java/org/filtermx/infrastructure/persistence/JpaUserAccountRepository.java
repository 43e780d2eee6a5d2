package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;

/** Accounts in the database. */
@ApplicationScoped
public class JpaUserAccountRepository implements UserAccountRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return em.createNamedQuery("UserAccount.findByUsername", UserAccount.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    @Override
    public long countByRole(AccountRole role) {
        return em.createNamedQuery("UserAccount.countByRole", Long.class)
                .setParameter("role", role)
                .getSingleResult();
    }

    @Override
    public void add(UserAccount account) {
        em.persist(account);
    }

    @Override
    public void remove(UserAccount account) {
        em.remove(em.contains(account) ? account : em.merge(account));
    }

    @Override
    public void flush() {
        em.flush();
    }
}
