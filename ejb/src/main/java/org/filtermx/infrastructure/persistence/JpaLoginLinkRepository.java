package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import org.filtermx.domain.model.account.LoginLinkRepository;

/** Login links in {@code login_link}. */
@ApplicationScoped
public class JpaLoginLinkRepository implements LoginLinkRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void add(String tokenHash, String address, Instant createdAt, Instant expiresAt) {
        Jdbc.on(
                em,
                c -> {
                    LoginLinkSql.add(c, tokenHash, address, createdAt, expiresAt);
                    return null;
                });
    }

    @Override
    public Optional<String> usable(String tokenHash, Instant now) {
        return Jdbc.on(em, c -> LoginLinkSql.usable(c, tokenHash, now));
    }

    @Override
    public Optional<String> consume(String tokenHash, Instant now) {
        return Jdbc.on(em, c -> LoginLinkSql.consume(c, tokenHash, now));
    }

    @Override
    public int purge(Instant before, int limit) {
        return Jdbc.on(em, c -> LoginLinkSql.purge(c, before, limit));
    }
}
