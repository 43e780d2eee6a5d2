package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantinedMessage;

/** The quarantine in the database. */
@ApplicationScoped
public class JpaQuarantineRepository implements QuarantineRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void add(QuarantinedMessage message) {
        em.persist(message);
    }

    @Override
    public List<QuarantinedMessage> list(Set<String> domains, String domain, String recipient, int limit) {
        if (domains != null && domains.isEmpty()) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("SELECT q FROM QuarantinedMessage q WHERE q.releasedAt IS NULL AND q.expiresAt > :now");
        if (domains != null) {
            jpql.append(" AND q.domain IN :scope");
        }
        if (domain != null) {
            jpql.append(" AND q.domain = :domain");
        }
        if (recipient != null) {
            jpql.append(" AND q.recipients LIKE :recipient");
        }
        jpql.append(" ORDER BY q.id DESC");
        TypedQuery<QuarantinedMessage> q = em.createQuery(jpql.toString(), QuarantinedMessage.class);
        q.setParameter("now", java.time.Instant.now());
        if (domains != null) {
            q.setParameter("scope", domains);
        }
        if (domain != null) {
            q.setParameter("domain", domain);
        }
        if (recipient != null) {
            q.setParameter("recipient", "%" + recipient.replace("%", "").replace("_", "\\_") + "%");
        }
        return q.setMaxResults(limit).getResultList();
    }
}
