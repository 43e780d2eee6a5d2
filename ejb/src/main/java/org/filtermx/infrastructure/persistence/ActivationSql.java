package org.filtermx.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.filtermx.domain.model.account.ActivationRepository.Activation;

/**
 * The statements behind {@link JpaActivationRepository}, on a plain connection so that they can be
 * tried against H2 in a unit test. The user is inserted with {@code INSERT ... ON DUPLICATE KEY
 * UPDATE} on its unique address, which cannot fail on a concurrent insert (MariaDB, and H2 in
 * MariaDB mode): a racing transaction waits for the first one's row and then changes nothing.
 */
final class ActivationSql {

    private ActivationSql() {}

    static OptionalLong autoEnableDomain(Connection c, String name) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT d.id FROM domain d JOIN domain_auto_enable a ON a.domain_id = d.id"
                                + " WHERE d.name = ? AND a.auto_enable_users = TRUE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static Set<String> existing(Connection c, Collection<String> addresses) throws SQLException {
        Set<String> found = new HashSet<>();
        if (addresses.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(addresses.size(), "?"));
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT address FROM email_user WHERE address IN (" + marks + ")")) {
            int i = 1;
            for (String a : addresses) {
                ps.setString(i++, a);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    static void activate(
            Connection c, long domainId, List<String> addresses, Instant now, Instant reportsFrom)
            throws SQLException {
        List<String> ordered = addresses.stream().distinct().sorted().toList();
        try (PreparedStatement user =
                        c.prepareStatement(
                                "INSERT INTO email_user (address, domain_id, report_frequency,"
                                        + " report_format, created_at) VALUES (?, ?, 'daily',"
                                        + " 'html', ?) ON DUPLICATE KEY UPDATE address = address");
                PreparedStatement activation =
                        c.prepareStatement(
                                "INSERT INTO email_user_activation (address, activated_at,"
                                        + " reports_from, welcome_due_at) VALUES (?, ?, ?, ?)"
                                        + " ON DUPLICATE KEY UPDATE address = address")) {
            for (String a : ordered) {
                user.setString(1, a);
                user.setLong(2, domainId);
                Jdbc.setTime(user, 3, now);
                user.executeUpdate();
                activation.setString(1, a);
                Jdbc.setTime(activation, 2, now);
                Jdbc.setTime(activation, 3, reportsFrom);
                Jdbc.setTime(activation, 4, now);
                activation.executeUpdate();
            }
        }
    }

    static Optional<Activation> claimWelcome(Connection c, String address, Instant now)
            throws SQLException {
        try (PreparedStatement claim =
                c.prepareStatement(
                        "UPDATE email_user_activation SET welcome_due_at = NULL,"
                                + " welcome_sent_at = ? WHERE address = ?"
                                + " AND welcome_due_at IS NOT NULL")) {
            Jdbc.setTime(claim, 1, now);
            claim.setString(2, address);
            if (claim.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement read =
                c.prepareStatement(
                        "SELECT d.name, a.reports_from FROM email_user_activation a"
                                + " JOIN email_user u ON u.address = a.address"
                                + " JOIN domain d ON d.id = u.domain_id WHERE a.address = ?")) {
            read.setString(1, address);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Activation(address, rs.getString(1), instant(rs, 2)));
            }
        }
    }

    static List<String> pendingWelcomes(Connection c, Instant dueBefore, int limit)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT address FROM email_user_activation WHERE welcome_due_at < ?"
                                + " ORDER BY welcome_due_at, address LIMIT ?")) {
            Jdbc.setTime(ps, 1, dueBefore);
            ps.setInt(2, limit);
            List<String> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
            return due;
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
