package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.WebhookStore;
import org.filtermx.infrastructure.secrets.SecretsAtRest;

/**
 * Webhooks and their outbox (V27) in plain SQL. The secret is sealed with the key file ({@link
 * SecretsAtRest}, ADR 0029) bound to the webhook's row, so a copy of the database alone cannot sign
 * events; a delivery is claimed by a conditional update, so two nodes never send the same row at
 * once.
 */
@ApplicationScoped
public class JpaWebhookStore implements WebhookStore {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Inject private SecretsAtRest secrets;

    private static final String HOOK_COLUMNS =
            "SELECT w.id, w.account_id, a.username, a.role, w.url, w.events, w.created_at"
                    + " FROM webhook w JOIN user_account a ON a.id = w.account_id";

    @Override
    public long add(long accountId, String url, String secret, List<String> events, Instant now) {
        long id =
                Jdbc.on(
                        em,
                        c -> {
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "INSERT INTO webhook (account_id, url, secret, events,"
                                                    + " created_at) VALUES (?, ?, '-', ?, ?)",
                                            Statement.RETURN_GENERATED_KEYS)) {
                                ps.setLong(1, accountId);
                                ps.setString(2, url);
                                ps.setString(3, String.join(",", events));
                                Jdbc.setTime(ps, 4, now);
                                return Jdbc.insertReturningId(ps);
                            }
                        });
        em.createNativeQuery("UPDATE webhook SET secret = ? WHERE id = ?")
                .setParameter(1, secrets.seal(secret, context(id)))
                .setParameter(2, id)
                .executeUpdate();
        return id;
    }

    @Override
    public Optional<Hook> find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(HOOK_COLUMNS + " WHERE w.id = ?")
                        .setParameter(1, id)
                        .getResultList();
        return rows.stream().map(JpaWebhookStore::hook).findFirst();
    }

    @Override
    public List<Hook> list(Collection<Long> accountIds, int max) {
        if (accountIds != null && accountIds.isEmpty()) {
            return List.of();
        }
        var q =
                accountIds == null
                        ? em.createNativeQuery(HOOK_COLUMNS + " ORDER BY w.id")
                        : em.createNativeQuery(
                                        HOOK_COLUMNS
                                                + " WHERE w.account_id IN (:ids) ORDER BY w.id")
                                .setParameter("ids", accountIds);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setMaxResults(max).getResultList();
        return rows.stream().map(JpaWebhookStore::hook).toList();
    }

    @Override
    public int countOf(long accountId) {
        return ((Number)
                        em.createNativeQuery("SELECT COUNT(*) FROM webhook WHERE account_id = ?")
                                .setParameter(1, accountId)
                                .getSingleResult())
                .intValue();
    }

    @Override
    public void lockAccount(long accountId) {
        em.createNativeQuery("SELECT id FROM user_account WHERE id = ? FOR UPDATE")
                .setParameter(1, accountId)
                .getResultList();
    }

    @Override
    public void lock(long id) {
        em.createNativeQuery("SELECT id FROM webhook WHERE id = ? FOR UPDATE")
                .setParameter(1, id)
                .getResultList();
    }

    @Override
    public void remove(long id) {
        em.createNativeQuery("DELETE FROM webhook_delivery WHERE webhook_id = ?")
                .setParameter(1, id)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM webhook WHERE id = ?")
                .setParameter(1, id)
                .executeUpdate();
    }

    @Override
    public void enqueue(long webhookId, String event, String payload, Instant now) {
        em.createNativeQuery(
                        "INSERT INTO webhook_delivery (webhook_id, event, payload, created_at,"
                                + " next_attempt_at, attempts, delivered) VALUES (?, ?, ?, ?, ?,"
                                + " 0, FALSE)")
                .setParameter(1, webhookId)
                .setParameter(2, event)
                .setParameter(3, payload)
                .setParameter(4, Jdbc.utc(now))
                .setParameter(5, Jdbc.utc(now))
                .executeUpdate();
    }

    @Override
    public List<Due> claim(Instant now, Instant until, int max) {
        @SuppressWarnings("unchecked")
        List<Object> ids =
                em.createNativeQuery(
                                "SELECT id FROM webhook_delivery WHERE done_at IS NULL"
                                        + " AND next_attempt_at <= ? AND (claimed_until IS NULL"
                                        + " OR claimed_until < ?) ORDER BY next_attempt_at")
                        .setParameter(1, Jdbc.utc(now))
                        .setParameter(2, Jdbc.utc(now))
                        .setMaxResults(max)
                        .getResultList();
        List<Due> out = new ArrayList<>();
        for (Object o : ids) {
            long id = ((Number) o).longValue();
            int claimed =
                    em.createNativeQuery(
                                    "UPDATE webhook_delivery SET claimed_until = ? WHERE id = ?"
                                            + " AND done_at IS NULL AND (claimed_until IS NULL"
                                            + " OR claimed_until < ?)")
                            .setParameter(1, Jdbc.utc(until))
                            .setParameter(2, id)
                            .setParameter(3, Jdbc.utc(now))
                            .executeUpdate();
            if (claimed != 1) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows =
                    em.createNativeQuery(
                                    "SELECT d.id, d.webhook_id, w.url, w.secret, d.event,"
                                            + " d.payload, d.created_at, d.attempts FROM"
                                            + " webhook_delivery d JOIN webhook w ON w.id ="
                                            + " d.webhook_id WHERE d.id = ?")
                            .setParameter(1, id)
                            .getResultList();
            for (Object[] r : rows) {
                long hook = ((Number) r[1]).longValue();
                out.add(
                        new Due(
                                ((Number) r[0]).longValue(),
                                hook,
                                (String) r[2],
                                secrets.open((String) r[3], context(hook)),
                                (String) r[4],
                                (String) r[5],
                                Jdbc.instant(r[6]),
                                ((Number) r[7]).intValue()));
            }
        }
        return out;
    }

    @Override
    public void delivered(long id, int status, Instant now) {
        em.createNativeQuery(
                        "UPDATE webhook_delivery SET attempts = attempts + 1, last_status = ?,"
                                + " last_error = NULL, done_at = ?, delivered = TRUE,"
                                + " claimed_until = NULL WHERE id = ?")
                .setParameter(1, status)
                .setParameter(2, Jdbc.utc(now))
                .setParameter(3, id)
                .executeUpdate();
    }

    @Override
    public void failed(long id, Integer status, String error, Instant next, Instant now) {
        String e = error == null ? null : (error.length() > 300 ? error.substring(0, 300) : error);
        em.createNativeQuery(
                        "UPDATE webhook_delivery SET attempts = attempts + 1, last_status = ?,"
                                + " last_error = ?, next_attempt_at = ?, done_at = ?,"
                                + " claimed_until = NULL WHERE id = ?")
                .setParameter(1, status)
                .setParameter(2, e)
                .setParameter(3, Jdbc.utc(next == null ? now : next))
                .setParameter(4, next == null ? Jdbc.utc(now) : null)
                .setParameter(5, id)
                .executeUpdate();
    }

    @Override
    public List<Delivery> deliveries(long webhookId, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, event, created_at, attempts, next_attempt_at,"
                                        + " last_status, last_error, done_at, delivered FROM"
                                        + " webhook_delivery WHERE webhook_id = ?"
                                        + " ORDER BY id DESC")
                        .setParameter(1, webhookId)
                        .setMaxResults(max)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Delivery(
                                        ((Number) r[0]).longValue(),
                                        (String) r[1],
                                        Jdbc.instant(r[2]),
                                        ((Number) r[3]).intValue(),
                                        Jdbc.instant(r[4]),
                                        r[5] == null ? null : ((Number) r[5]).intValue(),
                                        (String) r[6],
                                        r[7] == null ? null : Jdbc.instant(r[7]),
                                        truth(r[8])))
                .toList();
    }

    @Override
    public int purge(Instant before) {
        return em.createNativeQuery(
                        "DELETE FROM webhook_delivery WHERE done_at IS NOT NULL AND done_at < ?")
                .setParameter(1, Jdbc.utc(before))
                .executeUpdate();
    }

    /** The associated data of a sealed secret: it opens only in its own webhook's row. */
    private static String context(long id) {
        return "webhook:" + id;
    }

    private static Hook hook(Object[] r) {
        String events = (String) r[5];
        return new Hook(
                ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(),
                (String) r[2],
                (String) r[3],
                (String) r[4],
                events.isEmpty() ? List.of() : Arrays.asList(events.split(",")),
                Jdbc.instant(r[6]));
    }

    private static boolean truth(Object o) {
        return o instanceof Boolean b ? b : o instanceof Number n && n.intValue() != 0;
    }
}
