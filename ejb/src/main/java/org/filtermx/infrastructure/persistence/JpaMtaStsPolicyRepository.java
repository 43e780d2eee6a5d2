package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.mtasts.CachedMtaStsPolicy;
import org.filtermx.domain.model.mtasts.MtaStsMode;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;
import org.filtermx.domain.model.mtasts.MtaStsPolicyRepository;

/**
 * The MTA-STS policy cache in {@code mta_sts_policy} (V24): a primary-key read, and a write with
 * {@code INSERT ... ON DUPLICATE KEY UPDATE}, which cannot fail when two nodes fetch the same
 * policy at once (MariaDB, and H2 in MariaDB mode).
 */
@ApplicationScoped
public class JpaMtaStsPolicyRepository implements MtaStsPolicyRepository {

    // The statements, package-private so that a test runs them on H2 too.
    static final String FIND =
            "SELECT policy_id, mode, mx_patterns, max_age, fetched_at, expires_at"
                    + " FROM mta_sts_policy WHERE domain = ? AND expires_at > ?";

    static final String STORE =
            "INSERT INTO mta_sts_policy"
                    + " (domain, policy_id, mode, mx_patterns, max_age, fetched_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " policy_id = VALUES(policy_id), mode = VALUES(mode),"
                    + " mx_patterns = VALUES(mx_patterns), max_age = VALUES(max_age),"
                    + " fetched_at = VALUES(fetched_at), expires_at = VALUES(expires_at)";

    static final String PURGE = "DELETE FROM mta_sts_policy WHERE expires_at <= ?";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<CachedMtaStsPolicy> find(String domain, Instant now) {
        List<?> rows =
                em.createNativeQuery(FIND)
                        .setParameter(1, domain)
                        .setParameter(2, Jdbc.utc(now))
                        .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        Optional<MtaStsMode> mode = MtaStsMode.of(String.valueOf(r[1]));
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        String patterns = String.valueOf(r[2]);
        List<String> mx =
                patterns.isEmpty()
                        ? List.of()
                        : Arrays.stream(patterns.split("\n", -1))
                                .filter(p -> !p.isEmpty())
                                .toList();
        MtaStsPolicy policy =
                new MtaStsPolicy(String.valueOf(r[0]), mode.get(), mx, ((Number) r[3]).longValue());
        return Optional.of(new CachedMtaStsPolicy(policy, instant(r[4]), instant(r[5])));
    }

    @Override
    public void store(String domain, CachedMtaStsPolicy cached) {
        MtaStsPolicy policy = cached.policy();
        em.createNativeQuery(STORE)
                .setParameter(1, domain)
                .setParameter(2, policy.id())
                .setParameter(3, policy.mode().id())
                .setParameter(4, String.join("\n", policy.mx()))
                .setParameter(5, policy.maxAgeSeconds())
                .setParameter(6, Jdbc.utc(cached.fetchedAt()))
                .setParameter(7, Jdbc.utc(cached.expiresAt()))
                .executeUpdate();
    }

    @Override
    public int purge(Instant now, int batch) {
        // One row per recipient domain: a single statement is small enough.
        return em.createNativeQuery(PURGE).setParameter(1, Jdbc.utc(now)).executeUpdate();
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
