package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Flyway over the scripts of db/migration on H2 in MariaDB mode (the demo database): taking over a
 * database of the runner before it, checksums, failed scripts. The same on MariaDB: {@code
 * FlywayOnMariaDbIT} in src-test.
 */
class FlywayMigrationTest {

    private final List<MigrationScript> scripts;

    FlywayMigrationTest() throws Exception {
        scripts = MigrationScript.load(FlywaySchema.DIR, getClass().getClassLoader());
    }

    private static Connection h2(String name) throws Exception {
        return DriverManager.getConnection(
                "jdbc:h2:mem:" + name + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "");
    }

    private List<MigrationScript> upTo(int version) {
        return scripts.stream().filter(m -> m.version() <= version).toList();
    }

    @Test
    void takesOverADatabaseOfTheRunnerBeforeFlywayWithoutRerunningItsScripts() throws Exception {
        try (Connection c = h2("legacy");
                Statement s = c.createStatement()) {
            LegacySchemaRunner.apply(c, upTo(20));
            s.execute(
                    "INSERT INTO server_secret (name, secret, created_at)"
                            + " VALUES ('kept', 'value', CURRENT_TIMESTAMP)");
            MigrateResult result = FlywaySchema.migrate(new SingleConnectionDataSource(c), scripts);
            List<String> ran = new ArrayList<>();
            result.migrations.forEach(m -> ran.add(m.version));
            assertThat(ran)
                    .containsExactlyElementsOf(
                            scripts.stream()
                                    .filter(m -> m.version() > 20)
                                    .map(m -> String.valueOf(m.version()))
                                    .toList());
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT version, type FROM flyway_schema_history"
                                    + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("20");
                assertThat(rs.getString(2)).isEqualTo("BASELINE");
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT secret FROM server_secret WHERE name = 'kept'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("value");
            }
            assertThat(
                            FlywaySchema.migrate(new SingleConnectionDataSource(c), scripts)
                                    .migrationsExecuted)
                    .isZero();
        }
    }

    @Test
    void everyScriptOfTheDirectoryIsInTheIndexThatFlywayIsGiven() throws Exception {
        Path dir =
                Path.of(getClass().getClassLoader().getResource("db/migration/index.txt").toURI())
                        .getParent();
        List<String> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".sql"))
                    .forEach(files::add);
        }
        assertThat(scripts.stream().map(MigrationScript::name).toList())
                .containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void aNewDatabaseWithWildFlysTimerTableGetsEveryScript() throws Exception {
        try (Connection c = h2("timers");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE jboss_ejb_timer (id VARCHAR(255) PRIMARY KEY)");
            assertThat(
                            FlywaySchema.migrate(new SingleConnectionDataSource(c), scripts)
                                    .migrationsExecuted)
                    .isEqualTo(scripts.size());
        }
    }

    @Test
    void aScriptChangedAfterItRanStopsTheStart() throws Exception {
        try (Connection c = h2("checksum")) {
            SchemaMigrator.apply(c, scripts);
            List<MigrationScript> edited = new ArrayList<>(scripts);
            MigrationScript v3 = edited.get(2);
            edited.set(
                    2,
                    new MigrationScript(
                            v3.version(), v3.name(), v3.sql() + "\nSELECT 1 FROM DUAL;\n"));
            assertThatThrownBy(() -> SchemaMigrator.apply(c, edited))
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("checksum mismatch")
                    .hasMessageContaining(v3.version() + "");
            FlywaySchema.migrate(new SingleConnectionDataSource(c), edited, true);
            FlywaySchema.migrate(new SingleConnectionDataSource(c), edited);
        }
    }

    @Test
    void aFailingScriptStopsTheStartWithItsName() throws Exception {
        try (Connection c = h2("failing")) {
            List<MigrationScript> broken = new ArrayList<>(scripts);
            broken.add(
                    new MigrationScript(
                            990, "V990__broken.sql", "INSERT INTO no_such_table VALUES (1);\n"));
            assertThatThrownBy(() -> SchemaMigrator.apply(c, broken))
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("V990__broken.sql");
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT COUNT(*) FROM flyway_schema_history"
                                            + " WHERE version = '990' AND success")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aLegacyHistoryWithAGapIsRefused() throws Exception {
        try (Connection c = h2("gap");
                Statement s = c.createStatement()) {
            LegacySchemaRunner.apply(c, upTo(20));
            s.execute("DELETE FROM schema_version WHERE version = 7");
            assertThatThrownBy(() -> SchemaMigrator.apply(c, scripts))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("V7__totp.sql");
        }
    }
}
