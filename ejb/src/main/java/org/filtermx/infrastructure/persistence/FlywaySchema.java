package org.filtermx.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;

/**
 * Flyway as FilterMX runs it (docs/adr/0037): the scripts of {@code db/migration/index.txt}, a
 * history with checksums in {@code flyway_schema_history}, validation before anything runs, no
 * placeholders in the scripts and no {@code clean}. On MariaDB a named lock ({@code GET_LOCK}) held
 * around the whole run makes nodes that start together take turns, so each script is applied once
 * and the history table is created and baselined once. On Galera the lock is the Galera node's own
 * (named locks are not replicated): FilterMX nodes that list the Galera nodes in the same order
 * take it on the same node (ADR 0053).
 */
public final class FlywaySchema {

    private static final Logger LOG = Logger.getLogger(FlywaySchema.class.getName());
    static final String DIR = "db/migration/";
    static final String HISTORY = "flyway_schema_history";

    private FlywaySchema() {}

    /**
     * Applies the scripts {@code flyway_schema_history} lacks, taking over the history of the
     * runner before Flyway first if the database has only that one.
     */
    public static MigrateResult migrate(DataSource dataSource, List<MigrationScript> scripts)
            throws SQLException {
        return migrate(dataSource, scripts, false);
    }

    /**
     * As {@link #migrate(DataSource, List)}, after Flyway's {@code repair} if asked: it removes the
     * rows of failed scripts and takes the checksums of the scripts as shipped for those applied;
     * the operator's switch for one start after a failure has been cleaned up by hand.
     */
    public static MigrateResult migrate(
            DataSource dataSource, List<MigrationScript> scripts, boolean repairFirst)
            throws SQLException {
        // Flyway's own lock covers its migration but not the creation and baseline of its history
        // table: a second node starting on a fresh database found the table empty and refused
        // ("Unable to baseline schema history table ... as it already exists, and is empty").
        // One named lock of our own around all of it, held on a connection of its own, makes
        // nodes that start together take turns (H2 is embedded: one node only).
        try (Connection lock = dataSource.getConnection()) {
            boolean named = !"H2".equals(lock.getMetaData().getDatabaseProductName());
            if (named) {
                acquire(lock);
            }
            try {
                return migrateLocked(dataSource, scripts, repairFirst);
            } finally {
                if (named) {
                    release(lock);
                }
            }
        }
    }

    /** How long a node waits for another node's migration, in seconds. */
    static final int LOCK_WAIT_SECONDS = 600;

    private static final String LOCK = "filtermx_schema_migration";

    private static void acquire(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, LOCK);
            ps.setInt(2, LOCK_WAIT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new SQLException(
                            "another node held the schema migration lock for "
                                    + LOCK_WAIT_SECONDS
                                    + " s; start again once its migration has ended");
                }
            }
        }
    }

    private static void release(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, LOCK);
            ps.executeQuery().close();
        } catch (SQLException e) {
            // The lock ends with the connection anyway.
            LOG.warning("could not release the schema migration lock: " + e.getMessage());
        }
    }

    private static MigrateResult migrateLocked(
            DataSource dataSource, List<MigrationScript> scripts, boolean repairFirst)
            throws SQLException {
        FluentConfiguration config =
                Flyway.configure(FlywaySchema.class.getClassLoader())
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
        Flyway flyway = config.load();
        if (repairFirst) {
            RepairResult repaired = flyway.repair();
            LOG.warning(
                    "schema history repaired: "
                            + repaired.migrationsRemoved.size()
                            + " failed migration(s) removed, "
                            + repaired.migrationsAligned.size()
                            + " checksum(s) taken from the scripts as shipped "
                            + repaired.repairActions);
        }
        return flyway.migrate();
    }
}
