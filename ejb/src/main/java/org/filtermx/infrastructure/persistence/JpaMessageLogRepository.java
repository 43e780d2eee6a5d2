package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.message.LogQuery;
import org.filtermx.domain.model.message.MessageEvent;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;

/** The message log in the database, searched through its indexes with keyset pagination. */
@ApplicationScoped
public class JpaMessageLogRepository implements MessageLogRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void add(MessageLogEntry entry, String firstEventDetail) {
        em.persist(entry);
        em.flush();
        for (String recipient : entry.recipients()) {
            em.createNativeQuery("INSERT INTO message_log_recipient (log_id, address) VALUES (?, ?)")
                    .setParameter(1, entry.id())
                    .setParameter(2, recipient)
                    .executeUpdate();
        }
        em.persist(
                new MessageEvent(
                        entry.id(), entry.receivedAt(), entry.status(), null, firstEventDetail));
    }

    @Override
    public Optional<MessageLogEntry> find(long id) {
        return Optional.ofNullable(em.find(MessageLogEntry.class, id));
    }

    @Override
    public void record(long logId, MessageStatus status, String remote, String detail) {
        Instant now = Instant.now();
        em.persist(new MessageEvent(logId, now, status, remote, detail));
        MessageLogEntry entry = em.find(MessageLogEntry.class, logId);
        if (entry != null) {
            entry.changeStatus(status, detail, now);
        }
    }

    @Override
    public List<MessageEvent> history(long logId) {
        return em.createNamedQuery("MessageEvent.findByLogId", MessageEvent.class)
                .setParameter("logId", logId)
                .getResultList();
    }

    @Override
    public List<MessageLogEntry> search(LogQuery q) {
        if (q.domains() != null && q.domains().isEmpty()) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("SELECT m FROM MessageLogEntry m WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q.domains() != null) {
            jpql.append(" AND m.domain IN :scope");
            params.put("scope", q.domains());
        }
        if (q.domain() != null) {
            jpql.append(" AND m.domain = :domain");
            params.put("domain", q.domain());
        }
        if (q.sender() != null) {
            jpql.append(" AND m.sender = :sender");
            params.put("sender", q.sender());
        }
        if (q.recipient() != null) {
            jpql.append(
                    " AND m.id IN (SELECT r.logId FROM MessageLogRecipient r"
                            + " WHERE r.address = :recipient)");
            params.put("recipient", q.recipient());
        }
        if (q.status() != null) {
            jpql.append(" AND m.status = :status");
            params.put("status", q.status());
        }
        if (q.messageId() != null) {
            jpql.append(" AND m.messageId = :messageId");
            params.put("messageId", q.messageId());
        }
        if (q.since() != null) {
            jpql.append(" AND m.receivedAt >= :since");
            params.put("since", q.since());
        }
        if (q.until() != null) {
            jpql.append(" AND m.receivedAt < :until");
            params.put("until", q.until());
        }
        if (q.beforeId() != null) {
            jpql.append(" AND m.id < :beforeId");
            params.put("beforeId", q.beforeId());
        }
        jpql.append(" ORDER BY m.id DESC");
        TypedQuery<MessageLogEntry> query = em.createQuery(jpql.toString(), MessageLogEntry.class);
        params.forEach(query::setParameter);
        return new ArrayList<>(query.setMaxResults(q.limit()).getResultList());
    }
}
