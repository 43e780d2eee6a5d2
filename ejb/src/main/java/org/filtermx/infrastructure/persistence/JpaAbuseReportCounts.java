package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.message.AbuseReportCounts;

/**
 * Report counts in {@code outbound_report_count}: {@code INSERT ... ON DUPLICATE KEY UPDATE} adds
 * one atomically (on MariaDB and on H2 in MariaDB mode) and holds the row's lock until the caller's
 * transaction ends, so two nodes never both read the count below the cap.
 */
@ApplicationScoped
public class JpaAbuseReportCounts implements AbuseReportCounts {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public int countOne(String senderKey, Instant hourStart) {
        em.createNativeQuery(
                        "DELETE FROM outbound_report_count WHERE sender_key = ? AND hour_start < ?")
                .setParameter(1, senderKey)
                .setParameter(2, Jdbc.utc(hourStart))
                .executeUpdate();
        em.createNativeQuery(
                        "INSERT INTO outbound_report_count (sender_key, hour_start, reports)"
                                + " VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE reports = reports + 1")
                .setParameter(1, senderKey)
                .setParameter(2, Jdbc.utc(hourStart))
                .executeUpdate();
        List<?> rows =
                em.createNativeQuery(
                                "SELECT reports FROM outbound_report_count"
                                        + " WHERE sender_key = ? AND hour_start = ?")
                        .setParameter(1, senderKey)
                        .setParameter(2, Jdbc.utc(hourStart))
                        .getResultList();
        return rows.isEmpty() ? 1 : ((Number) rows.get(0)).intValue();
    }

    @Override
    public int purge(Instant before) {
        return em.createNativeQuery("DELETE FROM outbound_report_count WHERE hour_start < ?")
                .setParameter(1, Jdbc.utc(before))
                .executeUpdate();
    }
}
