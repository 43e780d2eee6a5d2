package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.Set;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;

/** Accounts in the database. */
@ApplicationScoped
public class JpaUserAccountRepository implements UserAccountRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<UserAccount> find(String username, Set<AccountRole> roles) {
        if (username == null || roles.isEmpty()) {
            return Optional.empty();
        }
        return em.createNamedQuery("UserAccount.findByUsernameAndRoles", UserAccount.class)
                .setParameter("username", username)
                .setParameter("roles", roles)
                .getResultStream()
                .findFirst();
    }

    @Override
    public boolean nameTaken(String username) {
        return em.createNamedQuery("UserAccount.countByUsername", Long.class)
                        .setParameter("username", username)
                        .getSingleResult()
                > 0;
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
