package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.filtermx.application.TrainingQueueFull;
import org.filtermx.application.port.TrainingQueueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The training queue's statements (V31) on H2 in MariaDB mode after every migration, with a
 * connection per node or caller: the cap is taken by a conditional update that concurrent callers
 * cannot both pass, a row one transaction has locked is skipped by another's claim, learnt rows
 * give their room back, failed rows keep it until purged.
 */
class TrainingQueueSqlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private String url;
    private Connection c;
    private final List<Connection> others = new ArrayList<>();

    @BeforeEach
    void migrate() throws Exception {
        url =
                "jdbc:h2:mem:queue"
                        + DATABASES.incrementAndGet()
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        c = DriverManager.getConnection(url, "sa", "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
        c.setAutoCommit(true);
    }

    @AfterEach
    void close() throws Exception {
        for (Connection o : others) {
            o.close();
        }
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        c.close();
    }

    /** Another node's or caller's connection, in a transaction of its own. */
    private Connection transaction() throws SQLException {
        Connection o = DriverManager.getConnection(url, "sa", "");
        o.setAutoCommit(false);
        o.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        others.add(o);
        return o;
    }

    private static byte[] message(String text) {
        return ("Subject: " + text + "\r\n\r\n" + text).getBytes(StandardCharsets.US_ASCII);
    }

    private long add(Connection on, String text, long max, long maxBytes) throws SQLException {
        return JpaTrainingQueueStore.add(
                on, true, "d.test", "admin", NOW, message(text), max, maxBytes);
    }

    private long[] size() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT messages, bytes FROM training_queue_size")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private long count(String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void addsUpToTheCapAndRefusesPastIt() throws Exception {
        long first = add(c, "one", 2, 1_000_000);
        long second = add(c, "two", 2, 1_000_000);
        assertThat(second).isGreaterThan(first);
        Connection t = transaction();
        assertThatThrownBy(() -> add(t, "three", 2, 1_000_000))
                .isInstanceOf(TrainingQueueFull.class)
                .satisfies(
                        e -> assertThat(((TrainingQueueFull) e).retryAfterSeconds()).isPositive());
        t.rollback();
        assertThat(size()[0]).isEqualTo(2);
        assertThat(JpaTrainingQueueStore.figures(c).waiting()).isEqualTo(2);
        assertThat(count("training_queue")).isEqualTo(2);
        assertThat(size()[1]).isEqualTo(message("one").length + message("two").length);
    }

    @Test
    void theByteCapCountsToo() throws Exception {
        int one = message("one").length;
        add(c, "one", 100, 2L * one);
        add(c, "two", 100, 2L * one);
        Connection t = transaction();
        assertThatThrownBy(() -> add(t, "six", 100, 2L * one))
                .isInstanceOf(TrainingQueueFull.class);
    }

    @Test
    void concurrentCallersNeverTakeMoreThanTheCap() throws Exception {
        int callers = 8;
        long max = 5;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> added = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Connection t = transaction();
                String text = "m" + i;
                Callable<Boolean> call =
                        () -> {
                            start.await();
                            try {
                                add(t, text, max, 1_000_000);
                                // Holding the size row a moment, as a commit would.
                                Thread.sleep(20);
                                t.commit();
                                return true;
                            } catch (TrainingQueueFull full) {
                                t.rollback();
                                return false;
                            }
                        };
                added.add(pool.submit(call));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> f : added) {
                accepted += f.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo((int) max);
            assertThat(JpaTrainingQueueStore.figures(c).waiting()).isEqualTo(max);
            assertThat(count("training_queue")).isEqualTo(max);
            assertThat(size()[0]).isEqualTo(max);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimSkipsWhatAnotherNodeIsLearningAndTakesTheOldestFirst() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(add(c, "m" + i, 100, 1_000_000));
        }
        Connection nodeA = transaction();
        Connection nodeB = transaction();
        // The claim is a short transaction of its own, the lock the learning transaction's.
        TrainingQueueStore.Claim claim = JpaTrainingQueueStore.next(nodeA, 2, 1_000_000);
        nodeA.commit();
        assertThat(claim.more()).isTrue();
        List<TrainingQueueStore.Queued> a = JpaTrainingQueueStore.lock(nodeA, claim.ids());
        assertThat(a)
                .extracting(TrainingQueueStore.Queued::id)
                .containsExactly(ids.get(0), ids.get(1));
        assertThat(new String(a.get(0).message(), StandardCharsets.US_ASCII)).contains("m0");
        assertThat(a.get(0).scope()).isEqualTo("d.test");
        assertThat(a.get(0).spam()).isTrue();

        // B sees neither of A's rows, not in its claim nor when it names them.
        TrainingQueueStore.Claim nextB = JpaTrainingQueueStore.next(nodeB, 10, 1_000_000);
        assertThat(nextB.more()).isFalse();
        assertThat(nextB.ids()).containsExactly(ids.get(2), ids.get(3), ids.get(4));
        assertThat(JpaTrainingQueueStore.lock(nodeB, ids))
                .extracting(TrainingQueueStore.Queued::id)
                .containsExactly(ids.get(2), ids.get(3), ids.get(4));

        // A learns its rows: gone, with their room; B gives its rows back (a rollback).
        JpaTrainingQueueStore.remove(nodeA, List.of(ids.get(0), ids.get(1)));
        nodeA.commit();
        nodeB.rollback();
        assertThat(JpaTrainingQueueStore.next(nodeB, 10, 1_000_000).ids())
                .containsExactly(ids.get(2), ids.get(3), ids.get(4));
        assertThat(JpaTrainingQueueStore.next(nodeB, 2, 1_000_000).more()).isTrue();
        nodeB.rollback();
        assertThat(size()[0]).isEqualTo(3);
        assertThat(JpaTrainingQueueStore.figures(c).waiting()).isEqualTo(3);
    }

    @Test
    void aClaimStopsAtItsBytesButTakesOneLargeMessage() throws Exception {
        long first = add(c, "x".repeat(500), 100, 1_000_000);
        long second = add(c, "small", 100, 1_000_000);
        assertThat(JpaTrainingQueueStore.next(c, 10, 100))
                .isEqualTo(new TrainingQueueStore.Claim(List.of(first), true));
        assertThat(JpaTrainingQueueStore.next(c, 10, 10_000))
                .isEqualTo(new TrainingQueueStore.Claim(List.of(first, second), false));
    }

    @Test
    void failedMessagesAreKeptCountedAndPurgedAfterTheirTime() throws Exception {
        long bad = add(c, "bad", 100, 1_000_000);
        long good = add(c, "good", 100, 1_000_000);
        Connection t = transaction();
        JpaTrainingQueueStore.lock(t, List.of(bad));
        JpaTrainingQueueStore.fail(t, Map.of(bad, "x".repeat(600)), NOW);
        t.commit();

        assertThat(JpaTrainingQueueStore.next(c, 10, 1_000_000).ids()).containsExactly(good);
        TrainingQueueStore.Figures figures = JpaTrainingQueueStore.figures(c);
        assertThat(figures.waiting()).isEqualTo(1);
        assertThat(figures.failed()).isEqualTo(1);
        assertThat(figures.oldestWaiting()).isEqualTo(NOW);
        List<TrainingQueueStore.Failure> failures = JpaTrainingQueueStore.failures(c, 10);
        assertThat(failures)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.id()).isEqualTo(bad);
                            assertThat(f.error()).hasSize(JpaTrainingQueueStore.ERROR_LENGTH);
                            assertThat(f.queuedBy()).isEqualTo("admin");
                            assertThat(f.failedAt()).isEqualTo(NOW);
                        });
        assertThat(size()[0]).as("a failed message keeps its room").isEqualTo(2);
        assertThat(count("training_queue")).isEqualTo(1);
        assertThat(count("training_queue_failed")).isEqualTo(1);

        assertThat(JpaTrainingQueueStore.purgeFailed(c, NOW, 10)).isZero();
        assertThat(JpaTrainingQueueStore.purgeFailed(c, NOW.plus(Duration.ofSeconds(1)), 10))
                .isEqualTo(1);
        assertThat(JpaTrainingQueueStore.figures(c).failed()).isZero();
        assertThat(size()[0]).isEqualTo(1);
        assertThat(size()[1]).isEqualTo(message("good").length);
    }
}
