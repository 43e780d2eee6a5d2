package org.filtermx.infrastructure.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The history the runner before Flyway kept ({@code schema_version}: one row per applied script),
 * read once when a database has no Flyway history yet, so that Flyway takes the highest version
 * there as its baseline instead of running V1 on a database that has it (docs/adr/0037).
 *
 * <p>That runner applied every listed script it had not recorded, so a database it made has every
 * version up to its highest; one that does not was changed by hand, and is refused rather than
 * guessed at.
 */
final class LegacyHistory {

    static final String TABLE = "schema_version";

    private LegacyHistory() {}

    /** The version to baseline at, or empty for a database without the old runner's table. */
    static OptionalInt baseline(DataSource dataSource, List<MigrationScript> scripts)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!hasTable(c, TABLE) || hasTable(c, FlywaySchema.HISTORY)) {
                return OptionalInt.empty();
            }
            TreeSet<Integer> applied = new TreeSet<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version FROM " + TABLE)) {
                while (rs.next()) {
                    applied.add(rs.getInt(1));
                }
            }
            if (applied.isEmpty()) {
                return OptionalInt.empty();
            }
            int highest = applied.last();
            for (MigrationScript script : scripts) {
                if (script.version() < highest && !applied.contains(script.version())) {
                    throw new IllegalStateException(
                            TABLE
                                    + " records version "
                                    + highest
                                    + " but not "
                                    + script.name()
                                    + ": the schema was changed outside the migrations; apply the"
                                    + " missing script by hand and record it there, then start again");
                }
            }
            return OptionalInt.of(highest);
        }
    }

    /** Whether the connection's own database (not another one on the server) has the table. */
    static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String catalog = c.getCatalog();
        for (String candidate : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(catalog, null, candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
