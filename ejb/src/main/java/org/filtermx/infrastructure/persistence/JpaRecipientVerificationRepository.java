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
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.domain.model.verification.KnownRecipient;
import org.filtermx.domain.model.verification.RecipientVerificationRepository;

/**
 * The callout cache in {@code recipient_callout} and {@code callout_domain} (V22): one primary-key
 * read per RCPT, and writes with {@code INSERT ... ON DUPLICATE KEY UPDATE}, which cannot fail when
 * two nodes learn the same address at once (MariaDB, and H2 in MariaDB mode).
 */
@ApplicationScoped
public class JpaRecipientVerificationRepository implements RecipientVerificationRepository {

    // The statements, package-private so that a test runs them on H2 too.
    static final String FIND =
            "SELECT accepted, source, checked_at, expires_at"
                    + " FROM recipient_callout"
                    + " WHERE domain = ? AND local_part = ? AND expires_at > ?";

    static final String REMEMBER =
            "INSERT INTO recipient_callout"
                    + " (domain, local_part, accepted, source, checked_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " accepted = VALUES(accepted), source = VALUES(source),"
                    + " checked_at = VALUES(checked_at),"
                    + " expires_at = VALUES(expires_at)";

    static final String CATCH_ALL =
            "SELECT catch_all FROM callout_domain" + " WHERE domain = ? AND expires_at > ?";

    static final String REMEMBER_CATCH_ALL =
            "INSERT INTO callout_domain (domain, catch_all, checked_at, expires_at)"
                    + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " catch_all = VALUES(catch_all), checked_at = VALUES(checked_at),"
                    + " expires_at = VALUES(expires_at)";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<KnownRecipient> find(String domain, String localPart, Instant now) {
        String part = LowerCase.of(localPart);
        if (part.isEmpty() || part.length() > KnownRecipient.MAX_LOCAL_PART) {
            return Optional.empty();
        }
        List<?> rows =
                em.createNativeQuery(FIND)
                        .setParameter(1, LowerCase.of(domain))
                        .setParameter(2, part)
                        .setParameter(3, Jdbc.utc(now))
                        .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(
                new KnownRecipient(
                        domain, part, bool(r[0]), (String) r[1], instant(r[2]), instant(r[3])));
    }

    @Override
    public void remember(KnownRecipient k) {
        em.createNativeQuery(REMEMBER)
                .setParameter(1, k.domain())
                .setParameter(2, k.localPart())
                .setParameter(3, k.accepted())
                .setParameter(4, k.source())
                .setParameter(5, Jdbc.utc(k.checked()))
                .setParameter(6, Jdbc.utc(k.expires()))
                .executeUpdate();
    }

    @Override
    public Optional<Boolean> catchAll(String domain, Instant now) {
        List<?> rows =
                em.createNativeQuery(CATCH_ALL)
                        .setParameter(1, LowerCase.of(domain))
                        .setParameter(2, Jdbc.utc(now))
                        .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(bool(rows.get(0)));
    }

    @Override
    public void rememberCatchAll(String domain, boolean catchAll, Instant now, Instant expires) {
        em.createNativeQuery(REMEMBER_CATCH_ALL)
                .setParameter(1, LowerCase.of(domain))
                .setParameter(2, catchAll)
                .setParameter(3, Jdbc.utc(now))
                .setParameter(4, Jdbc.utc(expires))
                .executeUpdate();
    }

    @Override
    public int forget(String domain) {
        String name = LowerCase.of(domain);
        return em.createNativeQuery("DELETE FROM recipient_callout WHERE domain = ?")
                        .setParameter(1, name)
                        .executeUpdate()
                + em.createNativeQuery("DELETE FROM callout_domain WHERE domain = ?")
                        .setParameter(1, name)
                        .executeUpdate();
    }

    @Override
    public int purge(Instant now, int batch) {
        List<?> expired =
                em.createNativeQuery(
                                "SELECT domain, local_part FROM recipient_callout"
                                        + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")
                        .setParameter(1, Jdbc.utc(now))
                        .setParameter(2, batch)
                        .getResultList();
        int rows = 0;
        for (Object row : expired) {
            Object[] r = (Object[]) row;
            rows +=
                    em.createNativeQuery(
                                    "DELETE FROM recipient_callout"
                                            + " WHERE domain = ? AND local_part = ?"
                                            + " AND expires_at <= ?")
                            .setParameter(1, r[0])
                            .setParameter(2, r[1])
                            .setParameter(3, Jdbc.utc(now))
                            .executeUpdate();
        }
        return rows
                + em.createNativeQuery("DELETE FROM callout_domain WHERE expires_at <= ?")
                        .setParameter(1, Jdbc.utc(now))
                        .executeUpdate();
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
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
