package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.filtermx.domain.model.outgoing.OutgoingLock;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;

/**
 * Counts, connection slots and locks of outgoing users in plain SQL. The user's row is locked with
 * {@code SELECT ... FOR UPDATE} before any count is read; a minute's count is raised with {@code
 * INSERT ... ON DUPLICATE KEY UPDATE}, which cannot fail on a concurrent insert (MariaDB, and H2 in
 * MariaDB mode).
 */
@ApplicationScoped
public class JpaOutgoingUsageRepository implements OutgoingUsageRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public boolean lockUser(long userId) {
        return !em.createNativeQuery("SELECT id FROM outgoing_user WHERE id = ? FOR UPDATE")
                .setParameter(1, userId)
                .getResultList()
                .isEmpty();
    }

    @Override
    public Usage usage(long userId, String identity, Instant since) {
        Object[] row =
                (Object[])
                        em.createNativeQuery(
                                        "SELECT COALESCE(SUM(messages), 0), COALESCE(SUM(recipients), 0)"
                                                + " FROM outgoing_usage WHERE user_id = ? AND identity = ?"
                                                + " AND minute_start > ?")
                                .setParameter(1, userId)
                                .setParameter(2, identity)
                                .setParameter(3, Jdbc.utc(since))
                                .getSingleResult();
        return new Usage(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    @Override
    public void count(long userId, String identity, Instant minute, int messages, int recipients) {
        em.createNativeQuery(
                        "INSERT INTO outgoing_usage (user_id, identity, minute_start, messages,"
                                + " recipients) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                                + " messages = messages + ?, recipients = recipients + ?")
                .setParameter(1, userId)
                .setParameter(2, identity)
                .setParameter(3, Jdbc.utc(minute))
                .setParameter(4, messages)
                .setParameter(5, recipients)
                .setParameter(6, messages)
                .setParameter(7, recipients)
                .executeUpdate();
    }

    @Override
    public int openSessions(long userId, Instant since) {
        return ((Number)
                        em.createNativeQuery(
                                        "SELECT COUNT(*) FROM outgoing_session WHERE user_id = ?"
                                                + " AND opened_at > ?")
                                .setParameter(1, userId)
                                .setParameter(2, Jdbc.utc(since))
                                .getSingleResult())
                .intValue();
    }

    @Override
    public boolean holdsSession(String node, String sessionId) {
        return !em.createNativeQuery(
                        "SELECT user_id FROM outgoing_session WHERE node = ? AND session_id = ?")
                .setParameter(1, node)
                .setParameter(2, sessionId)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void openSession(String node, String sessionId, long userId, Instant now) {
        em.createNativeQuery(
                        "INSERT INTO outgoing_session (node, session_id, user_id, opened_at)"
                                + " VALUES (?, ?, ?, ?)")
                .setParameter(1, node)
                .setParameter(2, sessionId)
                .setParameter(3, userId)
                .setParameter(4, Jdbc.utc(now))
                .executeUpdate();
    }

    @Override
    public void closeSession(String node, String sessionId) {
        em.createNativeQuery("DELETE FROM outgoing_session WHERE node = ? AND session_id = ?")
                .setParameter(1, node)
                .setParameter(2, sessionId)
                .executeUpdate();
    }

    @Override
    public int clearSessions(String node, Instant before) {
        if (node == null) {
            return em.createNativeQuery("DELETE FROM outgoing_session WHERE opened_at < ?")
                    .setParameter(1, Jdbc.utc(before))
                    .executeUpdate();
        }
        return em.createNativeQuery("DELETE FROM outgoing_session WHERE node = ? OR opened_at < ?")
                .setParameter(1, node)
                .setParameter(2, Jdbc.utc(before))
                .executeUpdate();
    }

    @Override
    public int purgeUsage(Instant before) {
        return em.createNativeQuery("DELETE FROM outgoing_usage WHERE minute_start < ?")
                .setParameter(1, Jdbc.utc(before))
                .executeUpdate();
    }

    @Override
    public Optional<OutgoingLock> findLock(long userId, String identity) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT user_id, identity, locked_at, reason FROM outgoing_lock"
                                        + " WHERE user_id = ? AND identity = ?")
                        .setParameter(1, userId)
                        .setParameter(2, identity)
                        .getResultList();
        return rows.stream().map(JpaOutgoingUsageRepository::lock).findFirst();
    }

    @Override
    public List<OutgoingLock> locks(long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT user_id, identity, locked_at, reason FROM outgoing_lock"
                                        + " WHERE user_id = ? ORDER BY identity")
                        .setParameter(1, userId)
                        .setMaxResults(1000)
                        .getResultList();
        return rows.stream().map(JpaOutgoingUsageRepository::lock).toList();
    }

    @Override
    public Set<Long> locked(Collection<Long> userIds) {
        Set<Long> out = new HashSet<>();
        if (userIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object> rows =
                em.createNativeQuery(
                                "SELECT DISTINCT user_id FROM outgoing_lock WHERE user_id IN (:ids)")
                        .setParameter("ids", userIds)
                        .getResultList();
        rows.forEach(r -> out.add(((Number) r).longValue()));
        return out;
    }

    @Override
    public void addLock(OutgoingLock lock) {
        em.createNativeQuery(
                        "INSERT INTO outgoing_lock (user_id, identity, locked_at, reason)"
                                + " VALUES (?, ?, ?, ?)")
                .setParameter(1, lock.userId())
                .setParameter(2, lock.identity())
                .setParameter(3, Jdbc.utc(lock.lockedAt()))
                .setParameter(4, lock.reason())
                .executeUpdate();
    }

    @Override
    public int removeLocks(long userId, String identity) {
        if (identity == null) {
            return em.createNativeQuery("DELETE FROM outgoing_lock WHERE user_id = ?")
                    .setParameter(1, userId)
                    .executeUpdate();
        }
        return em.createNativeQuery("DELETE FROM outgoing_lock WHERE user_id = ? AND identity = ?")
                .setParameter(1, userId)
                .setParameter(2, identity)
                .executeUpdate();
    }

    private static OutgoingLock lock(Object[] r) {
        return new OutgoingLock(
                ((Number) r[0]).longValue(), (String) r[1], Jdbc.instant(r[2]), (String) r[3]);
    }
}
