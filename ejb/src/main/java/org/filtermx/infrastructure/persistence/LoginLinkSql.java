package org.filtermx.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements behind {@link JpaLoginLinkRepository}, on a plain connection so that they can be
 * tried against H2 in a unit test. A link is consumed by one conditional UPDATE (unused and
 * unexpired), so two requests racing with the same token cannot both use it.
 */
final class LoginLinkSql {

    private LoginLinkSql() {}

    static void add(Connection c, String hash, String address, Instant created, Instant expires)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO login_link (token_hash, address, created_at, expires_at)"
                                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, hash);
            ps.setString(2, address);
            Jdbc.setTime(ps, 3, created);
            Jdbc.setTime(ps, 4, expires);
            ps.executeUpdate();
        }
    }

    static Optional<String> usable(Connection c, String hash, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT address FROM login_link WHERE token_hash = ?"
                                + " AND used_at IS NULL AND expires_at > ?")) {
            ps.setString(1, hash);
            Jdbc.setTime(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<String> consume(Connection c, String hash, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE login_link SET used_at = ? WHERE token_hash = ?"
                                + " AND used_at IS NULL AND expires_at > ?")) {
            Jdbc.setTime(ps, 1, now);
            ps.setString(2, hash);
            Jdbc.setTime(ps, 3, now);
            if (ps.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT address FROM login_link WHERE token_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static int purge(Connection c, Instant before, int limit) throws SQLException {
        List<String> expired = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT token_hash FROM login_link WHERE expires_at < ?"
                                + " ORDER BY expires_at LIMIT ?")) {
            Jdbc.setTime(ps, 1, before);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM login_link WHERE token_hash = ?")) {
            for (String hash : expired) {
                ps.setString(1, hash);
                ps.addBatch();
            }
            if (!expired.isEmpty()) {
                ps.executeBatch();
            }
        }
        return expired.size();
    }
}
