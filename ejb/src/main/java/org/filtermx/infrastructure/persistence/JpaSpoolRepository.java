package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.spool.SpoolContent;
import org.filtermx.domain.model.spool.SpoolRecipient;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpoolState;
import org.filtermx.domain.model.spool.SpooledMessage;

/** The spool in the database that every node reaches; leases are conditional updates. */
@ApplicationScoped
public class JpaSpoolRepository implements SpoolRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public SpooledMessage add(
            SpooledMessage message, byte[] content, Map<String, String> recipients) {
        em.persist(message);
        em.flush();
        em.persist(new SpoolContent(message.id(), content));
        recipients.forEach(
                (address, original) ->
                        em.persist(new SpoolRecipient(message.id(), address, original)));
        return message;
    }

    @Override
    public Optional<SpooledMessage> find(long id) {
        return Optional.ofNullable(em.find(SpooledMessage.class, id));
    }

    @Override
    public List<SpoolRecipient> recipientsOf(long spoolId) {
        return em.createQuery(
                        "SELECT r FROM SpoolRecipient r WHERE r.spoolId = :id ORDER BY r.id",
                        SpoolRecipient.class)
                .setParameter("id", spoolId)
                .getResultList();
    }

    @Override
    public byte[] contentOf(long spoolId) {
        SpoolContent content = em.find(SpoolContent.class, spoolId);
        if (content == null) {
            throw new IllegalStateException("spooled message " + spoolId + " has no content");
        }
        return content.bytes();
    }

    @Override
    public void remove(long spoolId) {
        // The bytes and the recipients go with the row (ON DELETE CASCADE); pending changes to
        // them are flushed first so that nothing is written to a removed row afterwards.
        em.flush();
        em.createNativeQuery("DELETE FROM spool_message WHERE id = ?").setParameter(1, spoolId).executeUpdate();
    }

    @Override
    public List<Long> findDue(Instant now, int max) {
        return em.createNamedQuery("SpooledMessage.findDue", Long.class)
                .setParameter("queued", SpoolState.QUEUED)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public boolean claim(long id, String owner, Instant now, Instant until) {
        return em.createNamedQuery("SpooledMessage.claim")
                        .setParameter("owner", owner)
                        .setParameter("until", until)
                        .setParameter("id", id)
                        .setParameter("queued", SpoolState.QUEUED)
                        .setParameter("now", now)
                        .executeUpdate()
                == 1;
    }

    @Override
    public int releaseLeases(Collection<Long> ids, String owner) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("UPDATE SpooledMessage m SET m.leaseOwner = NULL, m.leaseUntil = NULL"
                        + " WHERE m.id IN :ids AND m.leaseOwner = :owner")
                .setParameter("ids", ids)
                .setParameter("owner", owner)
                .executeUpdate();
    }

    @Override
    public int releaseLeasesOf(String owner) {
        return em.createNamedQuery("SpooledMessage.releaseLeasesOf")
                .setParameter("owner", owner)
                .executeUpdate();
    }
}
