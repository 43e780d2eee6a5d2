package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker's statements (V27) on H2 in MariaDB mode after every migration: parallel
 * upserts of one hour lose no count, and of parallel self-service unlocks on one day exactly one is
 * recorded, each in a transaction of its own connection holding the user's row lock as the service
 * does.
 */
class BreakerSqlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private String url;
    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        url =
                "jdbc:h2:mem:breaker"
                        + DATABASES.incrementAndGet()
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        c = DriverManager.getConnection(url, "sa", "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
        update(
                c,
                "INSERT INTO domain (id, name, created_at) VALUES (1, 'example.com', ?)",
                Jdbc.utc(NOW));
        update(
                c,
                "INSERT INTO outgoing_user (id, domain_id, kind, login_name, password_hash,"
                        + " messages_per_hour, recipients_per_hour, max_connections, auto_lock,"
                        + " created_at, version) VALUES (7, 1, 'USERNAME', 'shop@example.com', 'x',"
                        + " 200, 1000, 10, TRUE, ?, 0)",
                Jdbc.utc(NOW));
    }

    @AfterEach
    void close() throws Exception {
        update(c, "SHUTDOWN");
        c.close();
    }

    private static int update(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static boolean exists(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private <T> List<T> inParallel(int n, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return work.call();
                                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelMessagesOfOneHourAreAllCounted() throws Exception {
        inParallel(
                8,
                () -> {
                    try (Connection own = DriverManager.getConnection(url, "sa", "")) {
                        for (int i = 0; i < 25; i++) {
                            update(own, JpaOutgoingBaselines.COUNT, 7L, "", 491_000L, 1, 3, 1, 3);
                        }
                    }
                    return null;
                });
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT messages, recipients FROM outgoing_hour WHERE user_id = 7")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(200);
                assertThat(rs.getInt(2)).isEqualTo(600);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void ofParallelSelfServiceUnlocksOnOneDayExactlyOnePasses() throws Exception {
        List<Boolean> taken =
                inParallel(
                        6,
                        () -> {
                            try (Connection own = DriverManager.getConnection(url, "sa", "")) {
                                own.setAutoCommit(false);
                                exists(own, "SELECT id FROM outgoing_user WHERE id = 7 FOR UPDATE");
                                boolean used =
                                        exists(
                                                own,
                                                JpaOutgoingBaselines.SELF_UNLOCK_CHECK,
                                                7L,
                                                20_425L);
                                if (!used) {
                                    update(
                                            own,
                                            JpaOutgoingBaselines.SELF_UNLOCK_TAKE,
                                            7L,
                                            20_425L,
                                            Jdbc.utc(NOW),
                                            "example.com");
                                }
                                own.commit();
                                return !used;
                            }
                        });
        assertThat(taken).containsOnlyOnce(true);
        // The next day has its own unlock.
        assertThat(exists(c, JpaOutgoingBaselines.SELF_UNLOCK_CHECK, 7L, 20_426L)).isFalse();
    }
}
