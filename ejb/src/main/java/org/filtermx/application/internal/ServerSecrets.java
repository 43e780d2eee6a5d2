package org.filtermx.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.infrastructure.secrets.SecretsAtRest;

/**
 * Keys every node must share, kept in the database sealed with the key file ({@link
 * SecretsAtRest}): made from {@link SecureRandom} by whichever node needs one first; a node that
 * loses that race reads the winner's. (Release-link keys, which rotate, are {@link
 * ReleaseLinkKeys}.)
 */
@ApplicationScoped
class ServerSecrets {

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Inject private Store store;

    byte[] get(String name) {
        return cache.computeIfAbsent(name, n -> {
            byte[] existing = store.read(n);
            if (existing != null) {
                return existing;
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                store.create(n, fresh);
                return fresh;
            } catch (RuntimeException e) {
                byte[] winner = store.read(n);
                if (winner == null) {
                    throw e;
                }
                return winner;
            }
        });
    }

    /** The table, each write in a transaction of its own. */
    @ApplicationScoped
    public static class Store {

        @PersistenceContext(unitName = "filtermx")
        private EntityManager em;

        @Inject private SecretsAtRest secrets;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public byte[] read(String name) {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("SELECT secret FROM server_secret WHERE name = ?")
                    .setParameter(1, name)
                    .getResultList();
            return rows.isEmpty() ? null : Base64.getDecoder().decode(secrets.open(rows.get(0), "server_secret:" + name));
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void create(String name, byte[] secret) {
            em.createNativeQuery("INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?)")
                    .setParameter(1, name)
                    .setParameter(2, secrets.seal(Base64.getEncoder().encodeToString(secret), "server_secret:" + name))
                    .setParameter(3, LocalDateTime.now(ZoneOffset.UTC))
                    .executeUpdate();
        }
    }
}
