package org.filtermx.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the database schema up to date at start, before anything else touches it: applies the
 * scripts listed in {@code db/migration/index.txt} that {@code schema_version} has not seen, in
 * order, each recorded once applied.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final String DIR = "db/migration/";

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection c = dataSource.getConnection()) {
            apply(c, MigrationScript.load(DIR, getClass().getClassLoader()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(
                    "database schema migration failed: " + e.getMessage(), e);
        }
    }

    /** Applies the missing scripts over {@code c}; public for the migration tests. */
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
            LOG.info("Applying schema migration " + script.name());
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

    /** Reads a whole resource as UTF-8 text. */
    static String read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
