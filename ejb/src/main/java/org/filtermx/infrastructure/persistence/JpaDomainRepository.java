package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;

/** Hosted domains in the database; the revision row tells other nodes to reload. */
@ApplicationScoped
public class JpaDomainRepository implements DomainRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<Domain> findByName(String name) {
        return em.createNamedQuery("Domain.findByName", Domain.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Domain> findAll() {
        return em.createNamedQuery("Domain.findAll", Domain.class).getResultList();
    }

    @Override
    public Optional<Domain> findByAlias(String alias) {
        return em.createQuery("SELECT d FROM Domain d JOIN d.aliases a WHERE a = :alias", Domain.class)
                .setParameter("alias", alias)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void add(Domain domain) {
        em.persist(domain);
    }

    @Override
    public void remove(Domain domain) {
        em.remove(em.contains(domain) ? domain : em.merge(domain));
    }

    @Override
    public void markChanged() {
        em.createNativeQuery("UPDATE config_revision SET revision = revision + 1 WHERE id = 1")
                .executeUpdate();
    }

    @Override
    public long revision() {
        Object value =
                em.createNativeQuery("SELECT revision FROM config_revision WHERE id = 1")
                        .getSingleResult();
        return ((Number) value).longValue();
    }

    @Override
    public void flush() {
        em.flush();
    }
}
