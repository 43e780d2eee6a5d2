package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.verification.GreylistRepository;

/**
 * Greylisting in {@code greylist_triplet} and {@code greylist_subnet} (V23): primary-key reads, and
 * writes with {@code INSERT ... ON DUPLICATE KEY UPDATE}, which cannot fail when two nodes see the
 * same triplet at once (MariaDB, and H2 in MariaDB mode).
 */
@ApplicationScoped
public class JpaGreylistRepository implements GreylistRepository {

    // The statements, package-private so that a test runs them on H2 too.
    static final String FIND =
            "SELECT first_seen, passed_at FROM greylist_triplet"
                    + " WHERE triplet = ? AND expires_at > ?";

    static final String DELETE_EXPIRED =
            "DELETE FROM greylist_triplet WHERE triplet = ? AND expires_at <= ?";

    static final String FIRST_SEEN =
            "INSERT INTO greylist_triplet (triplet, first_seen, passed_at, expires_at)"
                    + " VALUES (?, ?, NULL, ?) ON DUPLICATE KEY UPDATE triplet = triplet";

    static final String PASSED =
            "UPDATE greylist_triplet SET passed_at = COALESCE(passed_at, ?),"
                    + " expires_at = ? WHERE triplet = ?";

    static final String PASSES =
            "SELECT passes FROM greylist_subnet" + " WHERE subnet = ? AND expires_at > ?";

    static final String COUNT_PASS =
            "INSERT INTO greylist_subnet (subnet, passes, expires_at) VALUES (?, 1, ?)"
                    + " ON DUPLICATE KEY UPDATE passes = passes + 1,"
                    + " expires_at = VALUES(expires_at)";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<Triplet> find(String triplet, Instant now) {
        List<?> rows =
                em.createNativeQuery(FIND)
                        .setParameter(1, triplet)
                        .setParameter(2, Jdbc.utc(now))
                        .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Triplet(instant(r[0]), r[1] == null ? null : instant(r[1])));
    }

    @Override
    public void firstSeen(String triplet, Instant now, Instant expires) {
        // Only an expired row is started afresh: a live one another node just wrote stays.
        em.createNativeQuery(DELETE_EXPIRED)
                .setParameter(1, triplet)
                .setParameter(2, Jdbc.utc(now))
                .executeUpdate();
        em.createNativeQuery(FIRST_SEEN)
                .setParameter(1, triplet)
                .setParameter(2, Jdbc.utc(now))
                .setParameter(3, Jdbc.utc(expires))
                .executeUpdate();
    }

    @Override
    public void passed(String triplet, Instant now, Instant expires) {
        em.createNativeQuery(PASSED)
                .setParameter(1, Jdbc.utc(now))
                .setParameter(2, Jdbc.utc(expires))
                .setParameter(3, triplet)
                .executeUpdate();
    }

    @Override
    public int passes(String subnet, Instant now) {
        List<?> rows =
                em.createNativeQuery(PASSES)
                        .setParameter(1, subnet)
                        .setParameter(2, Jdbc.utc(now))
                        .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    @Override
    public void countPass(String subnet, Instant expires) {
        em.createNativeQuery(COUNT_PASS)
                .setParameter(1, subnet)
                .setParameter(2, Jdbc.utc(expires))
                .executeUpdate();
    }

    @Override
    public int purge(Instant now, int batch) {
        List<?> expired =
                em.createNativeQuery(
                                "SELECT triplet FROM greylist_triplet WHERE expires_at <= ?"
                                        + " ORDER BY expires_at LIMIT ?")
                        .setParameter(1, Jdbc.utc(now))
                        .setParameter(2, batch)
                        .getResultList();
        int rows = 0;
        for (Object triplet : expired) {
            rows +=
                    em.createNativeQuery(
                                    "DELETE FROM greylist_triplet WHERE triplet = ?"
                                            + " AND expires_at <= ?")
                            .setParameter(1, triplet)
                            .setParameter(2, Jdbc.utc(now))
                            .executeUpdate();
        }
        return rows
                + em.createNativeQuery("DELETE FROM greylist_subnet WHERE expires_at <= ?")
                        .setParameter(1, Jdbc.utc(now))
                        .executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return value instanceof Instant i ? i : Instant.EPOCH;
    }
}
