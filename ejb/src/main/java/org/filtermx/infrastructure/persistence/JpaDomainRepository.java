package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainClaim;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.domain.DomainVerification;

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
    public Optional<Domain> findById(long id) {
        return Optional.ofNullable(em.find(Domain.class, id));
    }

    @Override
    public Optional<Domain> findByAlias(String alias) {
        return em.createQuery(
                        "SELECT d FROM Domain d JOIN d.aliases a WHERE a = :alias", Domain.class)
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

    @Override
    public Optional<DomainClaim> findClaim(String name) {
        return em.createNamedQuery("DomainClaim.findByName", DomainClaim.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<DomainClaim> claimsOf(long domainId) {
        return em.createNamedQuery("DomainClaim.findByDomain", DomainClaim.class)
                .setParameter("domainId", domainId)
                .getResultList();
    }

    @Override
    public List<DomainClaim> allClaims() {
        return em.createNamedQuery("DomainClaim.findAll", DomainClaim.class).getResultList();
    }

    @Override
    public void addClaim(DomainClaim claim) {
        em.persist(claim);
    }

    @Override
    public void removeClaim(DomainClaim claim) {
        em.remove(em.contains(claim) ? claim : em.merge(claim));
    }

    @Override
    public DomainVerification verification() {
        List<?> rows =
                em.createNativeQuery(
                                "SELECT setting_value FROM cluster_setting WHERE name = 'domain_verification'")
                        .getResultList();
        // A row an operator broke by hand falls back to the stricter mode, never to none.
        try {
            return rows.isEmpty()
                    ? DomainVerification.DNS
                    : DomainVerification.parse(String.valueOf(rows.get(0)));
        } catch (IllegalArgumentException e) {
            return DomainVerification.APPROVAL;
        }
    }

    @Override
    public void changeVerification(DomainVerification verification) {
        int updated =
                em.createNativeQuery(
                                "UPDATE cluster_setting SET setting_value = ?1, updated_at = ?2 WHERE name = 'domain_verification'")
                        .setParameter(1, verification.key())
                        .setParameter(2, java.sql.Timestamp.from(Instant.now()))
                        .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery(
                            "INSERT INTO cluster_setting (name, setting_value, updated_at) VALUES ('domain_verification', ?1, ?2)")
                    .setParameter(1, verification.key())
                    .setParameter(2, java.sql.Timestamp.from(Instant.now()))
                    .executeUpdate();
        }
    }
}
