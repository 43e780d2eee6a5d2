package org.filtermx.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema runner FilterMX used before Flyway, as it was (its {@code schema_version} table, one
 * row per applied script): the upgrade tests make a database with it, as an installation of an
 * earlier version has one, and then start Flyway on it.
 */
public final class LegacySchemaRunner {

    private LegacySchemaRunner() {}

    /** Applies the scripts {@code schema_version} has not seen, in order, each recorded. */
    public static void apply(Connection c, List<MigrationScript> scripts) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY,"
                            + " description VARCHAR(200) NOT NULL, applied_at DATETIME(3) NOT NULL)");
        }
        Set<Integer> applied = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                applied.add(rs.getInt(1));
            }
        }
        for (MigrationScript script : scripts) {
            if (applied.contains(script.version())) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String statement : script.statements()) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO schema_version (version, description, applied_at)"
                                    + " VALUES (?, ?, ?)")) {
                ps.setInt(1, script.version());
                ps.setString(2, script.name());
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        }
    }
}
