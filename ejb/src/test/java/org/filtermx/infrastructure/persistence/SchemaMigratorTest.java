package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migrations run on H2 in MariaDB mode (the demo database); CI runs them on MariaDB too. */
class SchemaMigratorTest {

    @Test
    void appliesEveryMigrationOnceOnH2() throws Exception {
        List<MigrationScript> scripts =
                MigrationScript.load("db/migration/", getClass().getClassLoader());
        assertThat(scripts).isNotEmpty();
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:migrate;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            SchemaMigrator.apply(c, scripts);
            SchemaMigrator.apply(c, scripts);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(scripts.size());
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT revision FROM config_revision WHERE id = 1")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void releaseLinkKeyOfEarlierVersionsBecomesKeyOneAndLongerSealedSecretsFit() throws Exception {
        List<MigrationScript> scripts = MigrationScript.load("db/migration/", getClass().getClassLoader());
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:mem:migrate13;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "");
                Statement s = c.createStatement()) {
            SchemaMigrator.apply(c, scripts.stream().filter(m -> m.version() < 13).toList());
            s.execute("INSERT INTO server_secret (name, secret, created_at)"
                    + " VALUES ('release-link', 'q83vEjRWeJA+/w==', CURRENT_TIMESTAMP)");
            SchemaMigrator.apply(c, scripts);
            try (ResultSet rs = s.executeQuery("SELECT id, secret, held_before FROM release_link_key")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("q83vEjRWeJA+/w==");
                assertThat(rs.getObject(3)).isNull();
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM server_secret WHERE name = 'release-link'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.execute("INSERT INTO server_secret (name, secret, created_at) VALUES ('x', '" + "a".repeat(200)
                    + "', CURRENT_TIMESTAMP)");
        }
    }

    @Test
    void splitsStatementsAtSemicolonLineEndsAndDropsComments() {
        assertThat(MigrationScript.split("-- c\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)");
    }
}
