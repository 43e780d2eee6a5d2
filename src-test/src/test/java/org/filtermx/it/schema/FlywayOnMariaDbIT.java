package org.filtermx.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.filtermx.infrastructure.persistence.FlywaySchema;
import org.filtermx.infrastructure.persistence.LegacySchemaRunner;
import org.filtermx.infrastructure.persistence.MigrationScript;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The migrations as the server runs them at start ({@code SchemaMigrator}, Flyway), on the suite's
 * MariaDB in fresh databases of their own: two nodes starting together, a database made by the
 * runner before Flyway, a failed script and its repair as the operator guide gives it (undo, then
 * one start with FILTERMX_SCHEMA_REPAIR=true).
 */
class FlywayOnMariaDbIT {

    private final List<MigrationScript> scripts;

    FlywayOnMariaDbIT() throws Exception {
        scripts = MigrationScript.load("db/migration/", getClass().getClassLoader());
    }

    /** A new, empty database on the suite's MariaDB (it-env.sh grants filtermx_it_*). */
    private static DataSource freshDatabase(String name) throws SQLException {
        String url = System.getenv("FILTERMX_DB_URL");
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        MariaDbDataSource admin = new MariaDbDataSource(server);
        admin.setUser(System.getenv("FILTERMX_DB_USER"));
        admin.setPassword(System.getenv("FILTERMX_DB_PASSWORD"));
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute(
                    "CREATE DATABASE "
                            + name
                            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        MariaDbDataSource db = new MariaDbDataSource(server + name);
        db.setUser(System.getenv("FILTERMX_DB_USER"));
        db.setPassword(System.getenv("FILTERMX_DB_PASSWORD"));
        // The driver's data source reads its settings at the first connection, without a lock:
        // two nodes' first connections at the same moment could connect without the user.
        db.getConnection().close();
        return db;
    }

    /** Starts the migration of two nodes at the same moment; both must succeed. */
    private List<MigrateResult> twoNodesMigrate(DataSource db, List<MigrationScript> of)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrateResult>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                Callable<MigrateResult> run =
                        () -> {
                            start.await();
                            return FlywaySchema.migrate(db, of);
                        };
                runs.add(nodes.submit(run));
            }
            start.countDown();
            List<MigrateResult> results = new ArrayList<>();
            for (Future<MigrateResult> run : runs) {
                results.add(run.get(180, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            nodes.shutdownNow();
        }
    }

    private static List<String> history(DataSource db, String where) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT version, type, success FROM flyway_schema_history WHERE "
                                        + where
                                        + " ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getBoolean(3));
            }
        }
        return rows;
    }

    private static int count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void twoNodesStartingTogetherOnAFreshDatabaseApplyEachScriptOnce() throws Exception {
        DataSource db = freshDatabase("filtermx_it_race");
        List<MigrateResult> results = twoNodesMigrate(db, scripts);
        assertThat(results.get(0).migrationsExecuted + results.get(1).migrationsExecuted)
                .isEqualTo(scripts.size());
        List<String> expected = new ArrayList<>();
        for (MigrationScript script : scripts) {
            expected.add(script.version() + ":SQL:true");
        }
        assertThat(history(db, "version IS NOT NULL")).isEqualTo(expected);
        assertThat(count(db, "SELECT revision FROM config_revision WHERE id = 1")).isEqualTo(1);
    }

    @Test
    void aDatabaseOfTheRunnerBeforeFlywayIsTakenOverAndOnlyLaterScriptsRun() throws Exception {
        DataSource db = freshDatabase("filtermx_it_upgrade");
        List<MigrationScript> older = scripts.stream().filter(m -> m.version() <= 20).toList();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            LegacySchemaRunner.apply(c, older);
            s.execute(
                    "INSERT INTO server_secret (name, secret, created_at)"
                            + " VALUES ('kept', 'value', NOW())");
        }
        List<MigrateResult> results = twoNodesMigrate(db, scripts);
        assertThat(results.get(0).migrationsExecuted + results.get(1).migrationsExecuted)
                .isEqualTo(scripts.size() - older.size());
        List<String> expected = new ArrayList<>(List.of("20:BASELINE:true"));
        for (MigrationScript script : scripts.subList(older.size(), scripts.size())) {
            expected.add(script.version() + ":SQL:true");
        }
        assertThat(history(db, "version IS NOT NULL")).isEqualTo(expected);
        assertThat(count(db, "SELECT COUNT(*) FROM schema_version")).isEqualTo(older.size());
        assertThat(count(db, "SELECT COUNT(*) FROM server_secret WHERE name = 'kept'"))
                .isEqualTo(1);
        assertThat(count(db, "SELECT revision FROM config_revision WHERE id = 1")).isEqualTo(1);
        assertThat(FlywaySchema.migrate(db, scripts).migrationsExecuted).isZero();
    }

    /** The failing script's version is above every real one, so it stays the last to run. */
    @Test
    void aFailedScriptIsRecordedStopsTheNextStartAndIsRepairedAsTheGuideSays() throws Exception {
        DataSource db = freshDatabase("filtermx_it_failed");
        List<MigrationScript> broken = new ArrayList<>(scripts);
        broken.add(
                new MigrationScript(
                        990,
                        "V990__half_applied.sql",
                        "CREATE TABLE half_applied (a INT);\nINSERT INTO no_such_table VALUES (1);\n"));
        assertThatThrownBy(() -> FlywaySchema.migrate(db, broken))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("V990__half_applied.sql")
                .hasMessageContaining("no_such_table");
        assertThat(history(db, "version = '990'")).containsExactly("990:SQL:false");
        assertThatThrownBy(() -> FlywaySchema.migrate(db, broken))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("failed migration to version 990");
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE half_applied");
        }
        List<MigrationScript> fixed = new ArrayList<>(scripts);
        fixed.add(
                new MigrationScript(
                        990, "V990__half_applied.sql", "CREATE TABLE half_applied (a INT);\n"));
        assertThat(FlywaySchema.migrate(db, fixed, true).migrationsExecuted).isEqualTo(1);
        assertThat(history(db, "version = '990'")).containsExactly("990:SQL:true");
    }
}
