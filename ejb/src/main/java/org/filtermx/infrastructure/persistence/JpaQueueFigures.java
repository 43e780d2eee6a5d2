package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.filtermx.application.port.QueueFigures;

/**
 * Counts the spool in one aggregate query. The spool holds only messages not yet finished, so the
 * scan is over the queue itself, whatever the size of the message log.
 */
@ApplicationScoped
public class JpaQueueFigures implements QueueFigures {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Snapshot count() {
        Object[] row =
                em.createQuery(
                                "SELECT COUNT(m), MIN(m.createdAt) FROM SpooledMessage m",
                                Object[].class)
                        .getSingleResult();
        return new Snapshot(((Number) row[0]).longValue(), (Instant) row[1]);
    }
}
