package org.filtermx.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date at start, before anything else touches it ({@link
 * FlywaySchema}): a changed script, or a failed one left in the history, stops the deployment with
 * Flyway's message instead of running on a schema nobody knows.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    /** Set to {@code true} for one start: Flyway's repair before the migration. */
    static final String REPAIR = "FILTERMX_SCHEMA_REPAIR";

    private static final String REPAIR_HINT =
            "; remove the cause (for a failed script: undo what it changed), then start once with "
                    + REPAIR
                    + "=true (operator guide, upgrading)";

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        try {
            MigrateResult result =
                    FlywaySchema.migrate(
                            dataSource,
                            MigrationScript.load(FlywaySchema.DIR, getClass().getClassLoader()),
                            "true"
                                    .equalsIgnoreCase(
                                            System.getProperty(REPAIR, System.getenv(REPAIR))));
            LOG.info(
                    () ->
                            "database schema at version "
                                    + (result.targetSchemaVersion == null
                                            ? result.initialSchemaVersion
                                            : result.targetSchemaVersion)
                                    + " ("
                                    + result.migrationsExecuted
                                    + " migration(s) applied now)");
        } catch (SQLException | IOException | IllegalStateException e) {
            throw failed(e.getMessage(), e);
        } catch (FlywayException e) {
            String message = String.valueOf(e.getMessage());
            boolean repairable =
                    message.contains("failed migration") || message.contains("checksum mismatch");
            throw failed(repairable ? message + REPAIR_HINT : message, e);
        }
    }

    private IllegalStateException failed(String message, Exception cause) {
        String text = "database schema migration failed: " + message;
        LOG.severe(text);
        return new IllegalStateException(text, cause);
    }

    /** Applies the missing scripts over {@code c}; public for the unit tests' H2 databases. */
    public static void apply(Connection c, List<MigrationScript> scripts) throws SQLException {
        FlywaySchema.migrate(new SingleConnectionDataSource(c), scripts);
    }
}
