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
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date at start, before anything else touches it, with Flyway
 * (docs/adr/0037): the scripts of {@code db/migration/index.txt} that {@code flyway_schema_history}
 * has not recorded are applied in order, each recorded with its checksum; a changed script, or a
 * failed one left in the history, stops the start with Flyway's message instead of running on a
 * schema nobody knows. Flyway holds its lock (on MariaDB a named lock) while it works, so nodes
 * that start together apply each script once.
 *
 * <p>A database made by the runner before Flyway ({@code schema_version}) is taken over at its
 * highest version ({@link LegacyHistory}); only the scripts after it run.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    static final String DIR = "db/migration/";
    static final String HISTORY = "flyway_schema_history";
    private static final String REPAIR_HINT =
            "; after the cause is removed (what the failed script changed undone), DELETE FROM "
                    + HISTORY
                    + " WHERE success = 0 and start again (operator guide, upgrading)";

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        try {
            MigrateResult result =
                    migrate(dataSource, MigrationScript.load(DIR, getClass().getClassLoader()));
            LOG.info(
                    () ->
                            "database schema at version "
                                    + result.targetSchemaVersion
                                    + " ("
                                    + result.migrationsExecuted
                                    + " migration(s) applied now)");
        } catch (SQLException | IOException | IllegalStateException e) {
            throw failed(e.getMessage(), e);
        } catch (FlywayException e) {
            String message = String.valueOf(e.getMessage());
            throw failed(message.contains("failed migration") ? message + REPAIR_HINT : message, e);
        }
    }

    private static IllegalStateException failed(String message, Exception cause) {
        String text = "database schema migration failed: " + message;
        LOG.severe(text);
        return new IllegalStateException(text, cause);
    }

    /**
     * Applies the scripts {@code flyway_schema_history} lacks, taking over the old runner's history
     * first if the database has only that one.
     */
    public static MigrateResult migrate(DataSource dataSource, List<MigrationScript> scripts)
            throws SQLException {
        FluentConfiguration config =
                Flyway.configure(SchemaMigrator.class.getClassLoader())
                        .dataSource(dataSource)
                        .resourceProvider(new MigrationResources(DIR, scripts))
                        .javaMigrationClassProvider(Collections::emptyList)
                        .table(HISTORY)
                        .placeholderReplacement(false)
                        .validateMigrationNaming(true)
                        .cleanDisabled(true);
        // A database without any history may still hold tables that are not ours (WildFly's
        // timer store creates JBOSS_EJB_TIMER before this runs): Flyway starts it at version 0.
        // One made by the runner before Flyway starts at the highest version that runner applied.
        OptionalInt legacy = LegacyHistory.baseline(dataSource, scripts);
        config.baselineOnMigrate(true).baselineVersion(String.valueOf(legacy.orElse(0)));
        if (legacy.isPresent()) {
            LOG.info(
                    "taking over the schema history of the runner before Flyway at version "
                            + legacy.getAsInt());
            config.baselineDescription("taken over from " + LegacyHistory.TABLE);
        }
        return config.load().migrate();
    }

    /** Applies the missing scripts over {@code c}; public for the unit tests' H2 databases. */
    public static void apply(Connection c, List<MigrationScript> scripts) throws SQLException {
        migrate(new SingleConnectionDataSource(c), scripts);
    }
}
