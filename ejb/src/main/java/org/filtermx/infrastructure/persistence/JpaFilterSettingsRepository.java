package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterPolicyRecord;
import org.filtermx.domain.model.filter.FilterSettingsRepository;

/** Filter policies and list entries in the database. */
@ApplicationScoped
public class JpaFilterSettingsRepository implements FilterSettingsRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public List<FilterPolicyRecord> policies() {
        return em.createQuery("SELECT p FROM FilterPolicyRecord p", FilterPolicyRecord.class)
                .getResultList();
    }

    @Override
    public Optional<FilterPolicyRecord> policy(String scope) {
        return Optional.ofNullable(em.find(FilterPolicyRecord.class, scope));
    }

    @Override
    public void add(FilterPolicyRecord record) {
        em.persist(record);
    }

    @Override
    public List<FilterListEntry> listEntries() {
        return em.createNamedQuery("FilterListEntry.findAll", FilterListEntry.class)
                .getResultList();
    }

    @Override
    public List<FilterListEntry> listEntries(FilterListEntry.OwnerType type, String owner) {
        return em.createNamedQuery("FilterListEntry.findByOwner", FilterListEntry.class)
                .setParameter("type", type)
                .setParameter("owner", owner)
                .getResultList();
    }

    @Override
    public Optional<FilterListEntry> listEntry(long id) {
        return Optional.ofNullable(em.find(FilterListEntry.class, id));
    }

    @Override
    public void add(FilterListEntry entry) {
        em.persist(entry);
    }

    @Override
    public void remove(FilterListEntry entry) {
        em.remove(em.contains(entry) ? entry : em.merge(entry));
    }
}
