package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.OutgoingBaselines;
import org.filtermx.domain.model.outgoing.Baseline;
import org.filtermx.domain.model.outgoing.Baseline.HourCount;

/**
 * The circuit breaker's rows in plain SQL (V27). An hour's count is raised with {@code INSERT ...
 * ON DUPLICATE KEY UPDATE}, which cannot fail or lose a count on a concurrent insert; a baseline is
 * replaced only by an {@code UPDATE} that names the hour it was folded to.
 */
@ApplicationScoped
public class JpaOutgoingBaselines implements OutgoingBaselines {

    /**
     * Raises an identity's hour: user, identity, hour, messages, recipients, messages, recipients.
     */
    static final String COUNT =
            "INSERT INTO outgoing_hour (user_id, identity, hour_no, messages, recipients)"
                    + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " messages = messages + ?, recipients = recipients + ?";

    /** The day's self-service unlock, read with a lock: user, day. */
    static final String SELF_UNLOCK_CHECK =
            "SELECT user_id FROM outgoing_self_unlock WHERE user_id = ? AND day_no = ? FOR UPDATE";

    /** Records the day's self-service unlock: user, day, time, login. */
    static final String SELF_UNLOCK_TAKE =
            "INSERT INTO outgoing_self_unlock (user_id, day_no, unlocked_at, unlocked_by)"
                    + " VALUES (?, ?, ?, ?)";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void count(long userId, String identity, long hour, int messages, int recipients) {
        em.createNativeQuery(COUNT)
                .setParameter(1, userId)
                .setParameter(2, identity)
                .setParameter(3, hour)
                .setParameter(4, messages)
                .setParameter(5, recipients)
                .setParameter(6, messages)
                .setParameter(7, recipients)
                .executeUpdate();
    }

    @Override
    public HourCount hour(long userId, String identity, long hour) {
        List<HourCount> found = hours(userId, identity, hour - 1, hour, 1);
        return found.isEmpty() ? new HourCount(hour, 0, 0) : found.get(0);
    }

    @Override
    public List<HourCount> hours(long userId, String identity, long after, long upTo, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT hour_no, messages, recipients FROM outgoing_hour"
                                        + " WHERE user_id = ? AND identity = ? AND hour_no > ?"
                                        + " AND hour_no <= ? ORDER BY hour_no DESC")
                        .setParameter(1, userId)
                        .setParameter(2, identity)
                        .setParameter(3, after)
                        .setParameter(4, upTo)
                        .setMaxResults(max)
                        .getResultList();
        List<HourCount> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(
                    new HourCount(
                            ((Number) r[0]).longValue(),
                            ((Number) r[1]).longValue(),
                            ((Number) r[2]).longValue()));
        }
        return out;
    }

    @Override
    public Optional<Learned> baseline(long userId, String identity) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT identity, folded_hour, hours_seen, avg_messages,"
                                        + " avg_recipients, first_seen FROM outgoing_baseline"
                                        + " WHERE user_id = ? AND identity = ? FOR UPDATE")
                        .setParameter(1, userId)
                        .setParameter(2, identity)
                        .getResultList();
        return rows.stream()
                .map(JpaOutgoingBaselines::identity)
                .map(i -> new Learned(i.baseline(), i.firstSeen()))
                .findFirst();
    }

    @Override
    public void start(long userId, String identity, Baseline b, Instant now) {
        em.createNativeQuery(
                        "INSERT INTO outgoing_baseline (user_id, identity, folded_hour,"
                                + " hours_seen, avg_messages, avg_recipients, first_seen)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                                + " ON DUPLICATE KEY UPDATE folded_hour = folded_hour")
                .setParameter(1, userId)
                .setParameter(2, identity)
                .setParameter(3, b.foldedHour())
                .setParameter(4, b.hoursSeen())
                .setParameter(5, b.avgMessages())
                .setParameter(6, b.avgRecipients())
                .setParameter(7, Jdbc.utc(now))
                .executeUpdate();
    }

    @Override
    public boolean replace(long userId, String identity, long expectedFoldedHour, Baseline b) {
        return em.createNativeQuery(
                                "UPDATE outgoing_baseline SET folded_hour = ?, hours_seen = ?,"
                                        + " avg_messages = ?, avg_recipients = ?"
                                        + " WHERE user_id = ? AND identity = ?"
                                        + " AND folded_hour = ?")
                        .setParameter(1, b.foldedHour())
                        .setParameter(2, b.hoursSeen())
                        .setParameter(3, b.avgMessages())
                        .setParameter(4, b.avgRecipients())
                        .setParameter(5, userId)
                        .setParameter(6, identity)
                        .setParameter(7, expectedFoldedHour)
                        .executeUpdate()
                == 1;
    }

    @Override
    public List<Identity> identities(long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT identity, folded_hour, hours_seen, avg_messages,"
                                        + " avg_recipients, first_seen FROM outgoing_baseline"
                                        + " WHERE user_id = ? ORDER BY identity")
                        .setParameter(1, userId)
                        .setMaxResults(100)
                        .getResultList();
        return rows.stream().map(JpaOutgoingBaselines::identity).toList();
    }

    private static Identity identity(Object[] r) {
        return new Identity(
                (String) r[0],
                new Baseline(
                        ((Number) r[1]).longValue(),
                        ((Number) r[2]).intValue(),
                        ((Number) r[3]).doubleValue(),
                        ((Number) r[4]).doubleValue()),
                Jdbc.instant(r[5]));
    }

    @Override
    public Optional<Floor> floor(long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT messages, recipients FROM outgoing_breaker_floor"
                                        + " WHERE user_id = ?")
                        .setParameter(1, userId)
                        .getResultList();
        return rows.stream()
                .map(r -> new Floor(((Number) r[0]).intValue(), ((Number) r[1]).intValue()))
                .findFirst();
    }

    @Override
    public void setFloor(long userId, Floor floor) {
        em.createNativeQuery(
                        "INSERT INTO outgoing_breaker_floor (user_id, messages, recipients)"
                                + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE messages = ?,"
                                + " recipients = ?")
                .setParameter(1, userId)
                .setParameter(2, floor.messages())
                .setParameter(3, floor.recipients())
                .setParameter(4, floor.messages())
                .setParameter(5, floor.recipients())
                .executeUpdate();
    }

    @Override
    public void clearFloor(long userId) {
        em.createNativeQuery("DELETE FROM outgoing_breaker_floor WHERE user_id = ?")
                .setParameter(1, userId)
                .executeUpdate();
    }

    @Override
    public boolean takeSelfUnlock(long userId, long day, Instant at, String by) {
        // A locking read sees the latest committed row, not the transaction's snapshot.
        boolean used =
                !em.createNativeQuery(SELF_UNLOCK_CHECK)
                        .setParameter(1, userId)
                        .setParameter(2, day)
                        .getResultList()
                        .isEmpty();
        if (used) {
            return false;
        }
        em.createNativeQuery(SELF_UNLOCK_TAKE)
                .setParameter(1, userId)
                .setParameter(2, day)
                .setParameter(3, Jdbc.utc(at))
                .setParameter(4, by.length() > 320 ? by.substring(0, 320) : by)
                .executeUpdate();
        return true;
    }

    @Override
    public boolean selfUnlockUsed(long userId, long day) {
        return !em.createNativeQuery(
                        "SELECT user_id FROM outgoing_self_unlock WHERE user_id = ? AND day_no = ?")
                .setParameter(1, userId)
                .setParameter(2, day)
                .getResultList()
                .isEmpty();
    }

    @Override
    public int purgeHours(long beforeHour) {
        return em.createNativeQuery("DELETE FROM outgoing_hour WHERE hour_no < ?")
                .setParameter(1, beforeHour)
                .executeUpdate();
    }
}
