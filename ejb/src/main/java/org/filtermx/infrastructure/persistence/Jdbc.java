package org.filtermx.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.hibernate.Session;

/**
 * Plain JDBC on the persistence context's own connection, inside the caller's transaction, for the
 * few inserts made for every message: {@code persist} costs several times the statement it sends.
 * Times are bound as UTC wall-clock values, as {@code hibernate.jdbc.time_zone = UTC} does.
 */
final class Jdbc {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {}

    static <T> T on(EntityManager em, Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    /** Runs an insert prepared with generated keys and returns the one key it generated. */
    static long insertReturningId(PreparedStatement insert) throws SQLException {
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the insert generated no key");
            }
            return keys.getLong(1);
        }
    }

    static void setTime(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setObject(index, utc(value));
        }
    }

    static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * A time column's value as the JPA native query or the driver gives it (a {@code Timestamp} or
     * {@code LocalDateTime} holding UTC, or an {@code Instant}) as an {@code Instant}.
     */
    static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected time value " + value);
    }
}
