package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.quarantine.HeldRecipient;
import org.filtermx.domain.model.quarantine.QuarantineAuditEntry;
import org.filtermx.domain.model.quarantine.QuarantineQuery;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantineSummary;
import org.filtermx.domain.model.quarantine.QuarantinedMessage;

/** The quarantine in the database; listings never load message bytes. */
@ApplicationScoped
public class JpaQuarantineRepository implements QuarantineRepository {

    private static final String SUMMARY =
            "SELECT new org.filtermx.domain.model.quarantine.QuarantineSummary("
                    + "q.id, q.queueId, q.logId, q.domain, q.direction, q.sender, q.recipients, q.subject, q.verdict,"
                    + " q.score, q.reasons, q.size, q.createdAt, q.expiresAt, q.releasedAt) FROM QuarantinedMessage q";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void add(QuarantinedMessage message) {
        em.persist(message);
        em.flush();
        for (String address : message.recipients()) {
            em.persist(new HeldRecipient(address, message.id()));
        }
    }

    @Override
    public Optional<QuarantinedMessage> find(long id) {
        return Optional.ofNullable(em.find(QuarantinedMessage.class, id));
    }

    @Override
    public Optional<QuarantinedMessage> lock(long id) {
        return Optional.ofNullable(
                em.find(QuarantinedMessage.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<HeldRecipient> recipientsOf(long id) {
        return em.createQuery(
                        "SELECT r FROM HeldRecipient r WHERE r.quarantineId = :id ORDER BY r.address",
                        HeldRecipient.class)
                .setParameter("id", id)
                .getResultList();
    }

    @Override
    public boolean markReleased(long id, String address, Instant when) {
        return em.createQuery(
                                "UPDATE HeldRecipient r SET r.releasedAt = :when"
                                        + " WHERE r.quarantineId = :id AND r.address = :address AND r.releasedAt IS NULL")
                        .setParameter("when", when)
                        .setParameter("id", id)
                        .setParameter("address", address)
                        .executeUpdate()
                == 1;
    }

    @Override
    public long stillHeldFor(long id) {
        return em.createQuery(
                        "SELECT COUNT(r) FROM HeldRecipient r WHERE r.quarantineId = :id AND r.releasedAt IS NULL",
                        Long.class)
                .setParameter("id", id)
                .getSingleResult();
    }

    @Override
    public void removeRecipient(long id, String address) {
        em.createQuery(
                        "DELETE FROM HeldRecipient r WHERE r.quarantineId = :id AND r.address = :address")
                .setParameter("id", id)
                .setParameter("address", address)
                .executeUpdate();
    }

    @Override
    public void remove(QuarantinedMessage message) {
        em.createQuery("DELETE FROM HeldRecipient r WHERE r.quarantineId = :id")
                .setParameter("id", message.id())
                .executeUpdate();
        em.remove(message);
    }

    @Override
    public List<QuarantineSummary> search(QuarantineQuery q) {
        if (q.domains() != null && q.domains().isEmpty()) {
            return List.of();
        }
        String recipient = q.address() != null ? q.address() : q.recipient();
        if (q.address() != null && q.recipient() != null && !q.address().equals(q.recipient())) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder(SUMMARY).append(" WHERE q.expiresAt > :now");
        Map<String, Object> params = new HashMap<>();
        params.put("now", Instant.now());
        if (recipient != null) {
            jpql.append(
                    " AND q.id IN (SELECT r.quarantineId FROM HeldRecipient r"
                            + " WHERE r.address = :recipient AND r.releasedAt IS NULL)");
            params.put("recipient", recipient);
        } else {
            jpql.append(" AND q.releasedAt IS NULL");
        }
        if (q.domains() != null) {
            jpql.append(" AND q.domain IN :scope");
            params.put("scope", q.domains());
        }
        if (q.domain() != null) {
            jpql.append(" AND q.domain = :domain");
            params.put("domain", q.domain());
        }
        if (q.sender() != null) {
            jpql.append(" AND q.sender = :sender");
            params.put("sender", q.sender());
        }
        if (q.direction() != null) {
            jpql.append(" AND q.direction = :direction");
            params.put("direction", q.direction());
        }
        if (q.beforeId() != null) {
            jpql.append(" AND q.id < :beforeId");
            params.put("beforeId", q.beforeId());
        }
        jpql.append(" ORDER BY q.id DESC");
        TypedQuery<QuarantineSummary> query =
                em.createQuery(jpql.toString(), QuarantineSummary.class);
        params.forEach(query::setParameter);
        return query.setMaxResults(q.limit()).getResultList();
    }

    @Override
    public List<QuarantineSummary> lockExpired(Instant now, int max) {
        List<Long> ids =
                em.createQuery(
                                "SELECT q.id FROM QuarantinedMessage q WHERE q.expiresAt <= :now ORDER BY q.expiresAt",
                                Long.class)
                        .setParameter("now", now)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .setMaxResults(max)
                        .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery(SUMMARY + " WHERE q.id IN :ids", QuarantineSummary.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    @Override
    public void removeAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        em.createQuery("DELETE FROM HeldRecipient r WHERE r.quarantineId IN :ids")
                .setParameter("ids", ids)
                .executeUpdate();
        em.createQuery("DELETE FROM QuarantinedMessage q WHERE q.id IN :ids")
                .setParameter("ids", ids)
                .executeUpdate();
    }

    @Override
    public void audit(QuarantineAuditEntry e) {
        em.persist(QuarantineAudit.of(e));
    }

    @Override
    public List<QuarantineAuditEntry> auditOf(long id) {
        return em
                .createQuery(
                        "SELECT a FROM QuarantineAudit a WHERE a.quarantineId = :id ORDER BY a.id",
                        QuarantineAudit.class)
                .setParameter("id", id)
                .getResultList()
                .stream()
                .map(QuarantineAudit::entry)
                .toList();
    }
}
