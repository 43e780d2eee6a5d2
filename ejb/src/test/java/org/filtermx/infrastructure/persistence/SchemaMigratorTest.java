package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrations run on H2 in MariaDB mode (the demo database); on MariaDB, {@code mvn verify}
 * checks them inside the server ({@code PersistenceOnMariaDbIT} in src-test).
 */
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
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT COUNT(*) FROM flyway_schema_history"
                                            + " WHERE type = 'SQL' AND success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(scripts.size());
            }
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT revision FROM config_revision WHERE id = 1")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void resellerNamesLoseTheirDotsAndNoKindCanTakeAnothersName() throws Exception {
        List<MigrationScript> scripts =
                MigrationScript.load("db/migration/", getClass().getClassLoader());
        List<MigrationScript> beforeV9 = scripts.stream().filter(m -> m.version() < 9).toList();
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:kinds;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            SchemaMigrator.apply(c, beforeV9);
            try (Statement s = c.createStatement()) {
                for (String[] row :
                        new String[][] {
                            {"1", "admin", "ADMIN"},
                            {"2", "acme.net", "RESELLER"},
                            {"3", "shop.co", "RESELLER"},
                            {"4", "shop-co", "RESELLER"},
                            {"5", "b.c-d", "RESELLER"},
                            {"6", "b-c.d", "RESELLER"},
                            {"7", "acme.example", "DOMAIN"},
                            {"8", "bob@acme.example", "EMAIL_USER"}
                        }) {
                    s.execute(
                            "INSERT INTO user_account (id, username, password_hash, role, created_at) VALUES ("
                                    + row[0]
                                    + ", '"
                                    + row[1]
                                    + "', 'h', '"
                                    + row[2]
                                    + "', CURRENT_TIMESTAMP)");
                }
            }
            SchemaMigrator.apply(c, scripts);
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT id, username FROM user_account ORDER BY id")) {
                StringBuilder names = new StringBuilder();
                while (rs.next()) {
                    names.append(rs.getLong(1)).append('=').append(rs.getString(2)).append(' ');
                }
                assertThat(names.toString().strip())
                        .isEqualTo(
                                "1=admin 2=acme-net 3=shop-co-3 4=shop-co 5=b-c-d-5 6=b-c-d-6 7=acme.example 8=bob@acme.example");
            }
            for (String bad :
                    new String[] {
                        "'r2.example', 'RESELLER'",
                        "'r2', 'DOMAIN'",
                        "'r2.example', 'EMAIL_USER'",
                        "'x@r2.example', 'DOMAIN'",
                        "'x@y', 'ADMIN'"
                    }) {
                try (Statement s = c.createStatement()) {
                    assertThatThrownBy(
                                    () ->
                                            s.execute(
                                                    "INSERT INTO user_account (username, role, password_hash,"
                                                            + " created_at) VALUES ("
                                                            + bad
                                                            + ", 'h', CURRENT_TIMESTAMP)"))
                            .as(bad)
                            .isInstanceOf(SQLException.class);
                }
            }
        }
    }

    @Test
    void releaseLinkKeyOfEarlierVersionsBecomesKeyOneAndLongerSealedSecretsFit() throws Exception {
        List<MigrationScript> scripts =
                MigrationScript.load("db/migration/", getClass().getClassLoader());
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:h2:mem:migrate13;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                                "sa",
                                "");
                Statement s = c.createStatement()) {
            SchemaMigrator.apply(c, scripts.stream().filter(m -> m.version() < 13).toList());
            s.execute(
                    "INSERT INTO server_secret (name, secret, created_at)"
                            + " VALUES ('release-link', 'q83vEjRWeJA+/w==', CURRENT_TIMESTAMP)");
            SchemaMigrator.apply(c, scripts);
            try (ResultSet rs =
                    s.executeQuery("SELECT id, secret, held_before FROM release_link_key")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("q83vEjRWeJA+/w==");
                assertThat(rs.getObject(3)).isNull();
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT COUNT(*) FROM server_secret WHERE name = 'release-link'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.execute(
                    "INSERT INTO server_secret (name, secret, created_at) VALUES ('x', '"
                            + "a".repeat(200)
                            + "', CURRENT_TIMESTAMP)");
        }
    }

    @Test
    void theSpoolIsScannedByNextAttemptAloneOnceFinishedRowsAreGone() throws Exception {
        List<MigrationScript> scripts =
                MigrationScript.load("db/migration/", getClass().getClassLoader());
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:h2:mem:migrate14;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                                "sa",
                                "");
                Statement s = c.createStatement()) {
            SchemaMigrator.apply(c, scripts);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT index_name FROM information_schema.indexes"
                                    + " WHERE table_name = 'spool_message' ORDER BY index_name")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertThat(indexes)
                    .contains("ix_spool_message_next_attempt")
                    .doesNotContain("ix_spool_message_due");
        }
    }

    @Test
    void splitsStatementsAtSemicolonLineEndsAndDropsComments() {
        assertThat(
                        MigrationScript.split(
                                "-- c\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)");
    }
}
