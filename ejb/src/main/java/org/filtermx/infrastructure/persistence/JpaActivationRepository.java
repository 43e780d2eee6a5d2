package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.filtermx.domain.model.account.ActivationRepository;

/** Auto-enabled email users in {@code email_user} and {@code email_user_activation}. */
@ApplicationScoped
public class JpaActivationRepository implements ActivationRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public OptionalLong autoEnableDomain(String name) {
        return Jdbc.on(em, c -> ActivationSql.autoEnableDomain(c, name));
    }

    @Override
    public Set<String> existing(Collection<String> addresses) {
        return Jdbc.on(em, c -> ActivationSql.existing(c, addresses));
    }

    @Override
    public void activate(long domainId, List<String> addresses, Instant now, Instant reportsFrom) {
        Jdbc.on(
                em,
                c -> {
                    ActivationSql.activate(c, domainId, addresses, now, reportsFrom);
                    return null;
                });
    }

    @Override
    public Optional<Activation> claimWelcome(String address, Instant now) {
        return Jdbc.on(em, c -> ActivationSql.claimWelcome(c, address, now));
    }

    @Override
    public List<String> pendingWelcomes(Instant dueBefore, int limit) {
        return Jdbc.on(em, c -> ActivationSql.pendingWelcomes(c, dueBefore, limit));
    }
}
