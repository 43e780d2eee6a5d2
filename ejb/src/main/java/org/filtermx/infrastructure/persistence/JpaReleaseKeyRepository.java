package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.filtermx.domain.model.quarantine.ReleaseKeyRepository;
import org.filtermx.infrastructure.secrets.SecretsAtRest;

/** Release-link keys in {@code release_link_key}, each sealed with the key file. */
@ApplicationScoped
public class JpaReleaseKeyRepository implements ReleaseKeyRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Inject private SecretsAtRest secrets;

    @Override
    public int currentId() {
        Object max = em.createNativeQuery("SELECT MAX(id) FROM release_link_key").getSingleResult();
        return max == null ? 0 : ((Number) max).intValue();
    }

    @Override
    public List<ReleaseKey> findAll() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, secret, held_before FROM release_link_key ORDER BY id")
                        .getResultList();
        return rows.stream()
                .map(
                        r -> {
                            int id = ((Number) r[0]).intValue();
                            byte[] secret =
                                    Base64.getDecoder()
                                            .decode(secrets.open((String) r[1], context(id)));
                            return new ReleaseKey(
                                    id, secret, r[2] == null ? null : ((Number) r[2]).longValue());
                        })
                .toList();
    }

    @Override
    public void add(int id, byte[] secret, Instant createdAt) {
        em.createNativeQuery(
                        "INSERT INTO release_link_key (id, secret, created_at) VALUES (?, ?, ?)")
                .setParameter(1, id)
                .setParameter(
                        2, secrets.seal(Base64.getEncoder().encodeToString(secret), context(id)))
                .setParameter(3, LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .executeUpdate();
    }

    @Override
    public void retireBelow(int id, Instant at) {
        Object last =
                em.createNativeQuery("SELECT MAX(id) FROM quarantine_message").getSingleResult();
        long heldBefore = (last == null ? 0 : ((Number) last).longValue()) + 1;
        em.createNativeQuery(
                        "UPDATE release_link_key SET retired_at = ?, held_before = ?"
                                + " WHERE id < ? AND held_before IS NULL")
                .setParameter(1, LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(2, heldBefore)
                .setParameter(3, id)
                .executeUpdate();
    }

    @Override
    public int deleteBelow(int id) {
        return em.createNativeQuery("DELETE FROM release_link_key WHERE id < ?")
                .setParameter(1, id)
                .executeUpdate();
    }

    private static String context(int id) {
        return "release_link_key:" + id;
    }
}
