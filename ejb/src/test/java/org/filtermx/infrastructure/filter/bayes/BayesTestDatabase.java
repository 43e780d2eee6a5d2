package org.filtermx.infrastructure.filter.bayes;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.filtermx.infrastructure.persistence.MigrationScript;
import org.filtermx.infrastructure.persistence.SchemaMigrator;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database in MariaDB mode with the classifier's tables (V1, V2 and V5). */
public final class BayesTestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private BayesTestDatabase() {}

    /** A new database, named {@code prefix} and a number no other call got. */
    public static JdbcDataSource create(String prefix) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(
                "jdbc:h2:mem:"
                        + prefix
                        + DATABASES.incrementAndGet()
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        List<MigrationScript> scripts =
                MigrationScript.load("db/migration/", BayesTestDatabase.class.getClassLoader())
                        .stream()
                        .filter(s -> s.version() <= 2 || s.version() == 5)
                        .toList();
        try (Connection c = ds.getConnection()) {
            SchemaMigrator.apply(c, scripts);
        }
        return ds;
    }
}
