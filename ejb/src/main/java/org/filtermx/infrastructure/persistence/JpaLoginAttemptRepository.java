package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.account.LoginAttemptRepository;
import org.filtermx.domain.model.account.LoginAttempts;

/**
 * Login attempt counts in {@code login_attempt}. The row is created if missing with {@code INSERT
 * ... ON DUPLICATE KEY UPDATE} (which cannot fail on a concurrent insert, on MariaDB and on H2 in
 * MariaDB mode) and then read {@code FOR UPDATE}: concurrent logins of every node wait for each
 * other's decision on that one row.
 */
@ApplicationScoped
public class JpaLoginAttemptRepository implements LoginAttemptRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public LoginAttempts lock(String subject, Instant now) {
        em.createNativeQuery(
                        "INSERT INTO login_attempt (subject, attempts, window_start, locked_until, locks)"
                                + " VALUES (?, 0, ?, NULL, 0) ON DUPLICATE KEY UPDATE locks = locks")
                .setParameter(1, subject)
                .setParameter(2, Jdbc.utc(now))
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT attempts, window_start, locked_until, locks"
                                        + " FROM login_attempt WHERE subject = ? FOR UPDATE")
                        .setParameter(1, subject)
                        .getResultList();
        if (rows.isEmpty()) {
            return LoginAttempts.none(now);
        }
        Object[] r = rows.get(0);
        return new LoginAttempts(
                ((Number) r[0]).intValue(),
                instant(r[1]),
                instant(r[2]),
                ((Number) r[3]).intValue());
    }

    @Override
    public void save(String subject, LoginAttempts a) {
        // A null is written as SQL NULL rather than bound: a typeless null parameter is not
        // portable.
        boolean locked = a.lockedUntil() != null;
        Query update =
                em.createNativeQuery(
                                "UPDATE login_attempt SET attempts = ?, window_start = ?, locks = ?,"
                                        + " locked_until = "
                                        + (locked ? "?" : "NULL")
                                        + " WHERE subject = ?")
                        .setParameter(1, a.attempts())
                        .setParameter(2, Jdbc.utc(a.windowStart()))
                        .setParameter(3, a.locks());
        if (locked) {
            update.setParameter(4, Jdbc.utc(a.lockedUntil())).setParameter(5, subject);
        } else {
            update.setParameter(4, subject);
        }
        update.executeUpdate();
    }

    @Override
    public void remove(String subject) {
        em.createNativeQuery("DELETE FROM login_attempt WHERE subject = ?")
                .setParameter(1, subject)
                .executeUpdate();
    }

    @Override
    public int purge(Instant now) {
        return em.createNativeQuery(
                        "DELETE FROM login_attempt WHERE window_start < ?"
                                + " AND (locked_until IS NULL OR locked_until < ?)")
                .setParameter(1, Jdbc.utc(now.minus(LoginAttempts.WINDOW)))
                .setParameter(2, Jdbc.utc(now))
                .executeUpdate();
    }

    private static Instant instant(Object value) {
        return value == null ? null : Jdbc.instant(value);
    }
}
