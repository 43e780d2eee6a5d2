package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.account.TotpRepository;
import org.filtermx.infrastructure.secrets.SecretsAtRest;

/**
 * Second-factor secrets in {@code account_totp}, sealed with the key file ({@link SecretsAtRest})
 * so a copy of the database alone does not give away anyone's second factor; a code's step is
 * claimed by a conditional update.
 */
@ApplicationScoped
public class JpaTotpRepository implements TotpRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Inject private SecretsAtRest secrets;

    @Override
    public Optional<State> find(long accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT secret, confirmed, last_step FROM account_totp WHERE account_id = ?")
                        .setParameter(1, accountId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(
                        r ->
                                new State(
                                        secrets.open((String) r[0], context(accountId)),
                                        truth(r[1]),
                                        ((Number) r[2]).longValue()));
    }

    @Override
    public void start(long accountId, String secret) {
        remove(accountId);
        em.createNativeQuery(
                        "INSERT INTO account_totp (account_id, secret, confirmed, last_step, created_at)"
                                + " VALUES (?, ?, FALSE, 0, ?)")
                .setParameter(1, accountId)
                .setParameter(2, secrets.seal(secret, context(accountId)))
                .setParameter(3, LocalDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    @Override
    public void confirm(long accountId, long step) {
        em.createNativeQuery(
                        "UPDATE account_totp SET confirmed = TRUE, last_step = ? WHERE account_id = ?")
                .setParameter(1, step)
                .setParameter(2, accountId)
                .executeUpdate();
    }

    @Override
    public boolean use(long accountId, long step) {
        return em.createNativeQuery(
                                "UPDATE account_totp SET last_step = ? WHERE account_id = ? AND last_step < ?")
                        .setParameter(1, step)
                        .setParameter(2, accountId)
                        .setParameter(3, step)
                        .executeUpdate()
                == 1;
    }

    @Override
    public void remove(long accountId) {
        em.createNativeQuery("DELETE FROM account_totp WHERE account_id = ?")
                .setParameter(1, accountId)
                .executeUpdate();
    }

    /** The associated data of a sealed secret: it opens only in its own account's row. */
    private static String context(long accountId) {
        return "account_totp:" + accountId;
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
