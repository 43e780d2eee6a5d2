package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.dkim.DkimKey;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.infrastructure.secrets.SecretsAtRest;

/**
 * DKIM keys in {@code dkim_key}, the private half sealed with the key file ({@link SecretsAtRest})
 * for its own row ({@code dkim_key:<id>}, re-sealed by {@link SecretsMigration} when the key file
 * gets a new key), so a copy of the database alone signs nothing (ADR 0029).
 */
@ApplicationScoped
public class JpaDkimKeyRepository implements DkimKeyRepository {

    private static final String COLUMNS =
            "SELECT k.id, d.name, k.selector, k.algorithm, k.public_key, k.active, k.created_at";
    private static final String FROM = " FROM dkim_key k JOIN domain d ON d.id = k.domain_id";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Inject private SecretsAtRest secrets;

    @Override
    public List<DkimKey> list(String domain) {
        return rows(COLUMNS + FROM + " WHERE d.name = ?1 ORDER BY k.id", domain);
    }

    @Override
    public Optional<DkimKey> find(String domain, long id) {
        return rows(COLUMNS + FROM + " WHERE d.name = ?1 AND k.id = ?2", domain, id).stream()
                .findFirst();
    }

    @Override
    public Optional<DkimKey> active(String domain) {
        return rows(COLUMNS + FROM + " WHERE d.name = ?1 AND k.active = TRUE", domain).stream()
                .findFirst();
    }

    @Override
    public Optional<SigningKey> signingKey(String domain) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                COLUMNS
                                        + ", k.secret"
                                        + FROM
                                        + " WHERE d.name = ?1 AND k.active = TRUE")
                        .setParameter(1, domain)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(
                        r -> {
                            DkimKey key = key(r);
                            String sealed = (String) r[7];
                            return new SigningKey(
                                    key,
                                    Base64.getDecoder()
                                            .decode(secrets.open(sealed, context(key.id()))));
                        });
    }

    @Override
    public Optional<DkimKey> add(
            String domain,
            String selector,
            DkimAlgorithm algorithm,
            String publicKey,
            byte[] privateKey) {
        if (find(domain, selector).isPresent()) {
            return Optional.empty();
        }
        int rows =
                em.createNativeQuery(
                                "INSERT INTO dkim_key (domain_id, selector, algorithm, secret,"
                                        + " public_key, active, created_at)"
                                        + " SELECT id, ?2, ?3, '', ?4, FALSE, ?5 FROM domain"
                                        + " WHERE name = ?1")
                        .setParameter(1, domain)
                        .setParameter(2, selector)
                        .setParameter(3, algorithm.tag())
                        .setParameter(4, publicKey)
                        .setParameter(5, LocalDateTime.now(ZoneOffset.UTC))
                        .executeUpdate();
        if (rows != 1) {
            return Optional.empty();
        }
        // Sealed for its row, whose id exists only now; nobody sees the row before the commit.
        DkimKey key = find(domain, selector).orElseThrow();
        em.createNativeQuery("UPDATE dkim_key SET secret = ?1 WHERE id = ?2")
                .setParameter(
                        1,
                        secrets.seal(
                                Base64.getEncoder().encodeToString(privateKey), context(key.id())))
                .setParameter(2, key.id())
                .executeUpdate();
        return Optional.of(key);
    }

    @Override
    public boolean activate(String domain, long id) {
        // One statement: the key becomes active and every other key of the domain inactive (the
        // service has checked that the key is the domain's, in the same transaction).
        return em.createNativeQuery(
                                "UPDATE dkim_key SET active = CASE WHEN id = ?2 THEN TRUE ELSE FALSE END"
                                        + " WHERE domain_id = (SELECT id FROM domain WHERE name = ?1)")
                        .setParameter(1, domain)
                        .setParameter(2, id)
                        .executeUpdate()
                > 0;
    }

    @Override
    public boolean remove(String domain, long id) {
        return em.createNativeQuery(
                                "DELETE FROM dkim_key WHERE id = ?2"
                                        + " AND domain_id = (SELECT id FROM domain WHERE name = ?1)")
                        .setParameter(1, domain)
                        .setParameter(2, id)
                        .executeUpdate()
                == 1;
    }

    private Optional<DkimKey> find(String domain, String selector) {
        return rows(COLUMNS + FROM + " WHERE d.name = ?1 AND k.selector = ?2", domain, selector)
                .stream()
                .findFirst();
    }

    private List<DkimKey> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(JpaDkimKeyRepository::key).toList();
    }

    private static DkimKey key(Object[] r) {
        return new DkimKey(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                DkimAlgorithm.of((String) r[3]).orElseThrow(),
                (String) r[4],
                r[5] instanceof Boolean b ? b : r[5] instanceof Number n && n.intValue() != 0,
                instant(r[6]));
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

    /** The associated data of a sealed private key: it opens only in its own row. */
    private static String context(long id) {
        return "dkim_key:" + id;
    }
}
