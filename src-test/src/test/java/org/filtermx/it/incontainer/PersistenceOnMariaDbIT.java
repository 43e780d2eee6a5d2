package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The spool's SQL and the schema on MariaDB, inside the server: the delivery lease is a conditional
 * UPDATE (ADR 0003) whose exclusion rests on MariaDB's row locks, which H2 in the unit tests only
 * imitates; the migrations bring MariaDB to the latest version.
 *
 * <p>The test archive carries the domain model and the spool repository ({@code
 * JpaSpoolRepository}) with a persistence unit of its own on the server's datasource, so the real
 * repository runs its real queries on the real database. Its messages are due only in 2100, so that
 * the gateway's own queue scan never touches them.
 */
@ExtendWith(ArquillianExtension.class)
class PersistenceOnMariaDbIT {

    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__");

    @Deployment
    static WebArchive deployment() throws IOException {
        return ShrinkWrap.create(WebArchive.class, "persistence-on-mariadb.war")
                .addClass(PersistenceOnMariaDbIT.class)
                .addPackages(true, Filters.exclude(".*Test.*"), "org.filtermx.domain")
                .addClass("org.filtermx.infrastructure.persistence.JpaSpoolRepository")
                .addClass("org.filtermx.infrastructure.persistence.Jdbc")
                .addClass("org.filtermx.infrastructure.persistence.Jdbc$Work")
                .addAsResource(new StringAsset(PERSISTENCE), "META-INF/persistence.xml")
                .addAsResource(new StringAsset(migrationIndex()), "expected-migrations.txt")
                .addAsWebInfResource(
                        new StringAsset(
                                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
    }

    /**
     * The migrations the EAR ships (db/migration/index.txt of the ejb module), read on the client.
     */
    private static String migrationIndex() throws IOException {
        try (InputStream in =
                PersistenceOnMariaDbIT.class
                        .getClassLoader()
                        .getResourceAsStream("db/migration/index.txt")) {
            if (in == null) {
                throw new IllegalStateException(
                        "db/migration/index.txt not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The application's persistence unit, in this archive: same datasource, same time zone. */
    private static final String PERSISTENCE =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                <persistence-unit name="filtermx">
                    <jta-data-source>java:jboss/datasources/FilterMXDS</jta-data-source>
                    <exclude-unlisted-classes>false</exclude-unlisted-classes>
                    <shared-cache-mode>NONE</shared-cache-mode>
                    <properties>
                        <property name="jakarta.persistence.schema-generation.database.action" value="none"/>
                        <property name="hibernate.jdbc.time_zone" value="UTC"/>
                    </properties>
                </persistence-unit>
            </persistence>
            """;

    @Inject private SpoolRepository spool;

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource database;

    private final List<Long> made = new ArrayList<>();

    @AfterEach
    void removeTheTestMessages() throws Exception {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            for (long id : made) {
                s.executeUpdate("DELETE FROM spool_message WHERE id = " + id);
            }
        }
    }

    @Test
    void aHeldLeaseIsNotTakenAndAnExpiredOneIsTakenOver() throws Exception {
        long id = queuedMessage();
        Instant now = FAR.plusSeconds(1);

        assertTrue(
                inTransaction(() -> spool.claim(id, "node-a", now, now.plusSeconds(60))),
                "first lease");
        assertFalse(
                inTransaction(
                        () -> spool.claim(id, "node-b", now.plusSeconds(30), now.plusSeconds(90))),
                "a second lease while the first holds");
        assertEquals("node-a", leaseOwner(id));

        Instant later = now.plusSeconds(61);
        assertTrue(
                inTransaction(() -> spool.claim(id, "node-b", later, later.plusSeconds(60))),
                "a lease taken over after it expired");
        assertEquals("node-b", leaseOwner(id));
    }

    @Test
    void twoNodesClaimingTheSameMessagesAtOnceNeverBothWin() throws Exception {
        for (int i = 0; i < 40; i++) {
            queuedMessage();
        }
        Instant now = FAR.plusSeconds(1);
        Map<Long, List<String>> winners = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                done.add(
                        nodes.submit(
                                () -> {
                                    go.await();
                                    for (long id : made) {
                                        if (inTransaction(
                                                () ->
                                                        spool.claim(
                                                                id,
                                                                node,
                                                                now,
                                                                now.plusSeconds(60)))) {
                                            winners.computeIfAbsent(
                                                            id,
                                                            k ->
                                                                    new java.util.concurrent
                                                                            .CopyOnWriteArrayList<>())
                                                    .add(node);
                                        }
                                    }
                                    return null;
                                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(new TreeSet<>(made), new TreeSet<>(winners.keySet()), "every message leased");
        winners.forEach(
                (id, nodesThatWon) ->
                        assertEquals(
                                1, nodesThatWon.size(), "winners of " + id + ": " + nodesThatWon));
        for (long id : made) {
            assertEquals(winners.get(id).get(0), leaseOwner(id));
        }
    }

    @Test
    void theSchemaIsAtTheLatestVersion() throws Exception {
        TreeSet<Integer> expected = new TreeSet<>();
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("expected-migrations.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = VERSION.matcher(line.strip());
                if (m.find()) {
                    expected.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        TreeSet<Integer> applied = new TreeSet<>();
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT version FROM flyway_schema_history"
                                        + " WHERE type = 'SQL' AND success")) {
            while (rs.next()) {
                applied.add(rs.getInt(1));
            }
        }
        assertTrue(expected.size() > 10, "migrations read: " + expected);
        assertEquals(expected, applied);
        try (Connection c = database.getConnection()) {
            assertTrue(
                    c.getMetaData().getDatabaseProductName().toLowerCase().contains("mariadb")
                            || c.getMetaData()
                                    .getDatabaseProductVersion()
                                    .toLowerCase()
                                    .contains("mariadb"),
                    "the datasource is MariaDB: " + c.getMetaData().getDatabaseProductVersion());
        }
    }

    /** A queued message due at {@link #FAR}, with no lease; committed at once. */
    private long queuedMessage() throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO spool_message (queue_id, log_id, target_domain,"
                                        + " sender, state, attempts, size_bytes, created_at, next_attempt_at, expires_at)"
                                        + " VALUES (?, 0, 'lease.test', 'alice@lease.test', 'QUEUED', 0, 10, ?, ?, ?)",
                                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "lease-" + UUID.randomUUID().toString().substring(0, 18));
            ps.setObject(2, LocalDateTime.ofInstant(FAR, ZoneOffset.UTC));
            ps.setObject(3, LocalDateTime.ofInstant(FAR, ZoneOffset.UTC));
            ps.setObject(4, LocalDateTime.ofInstant(FAR.plusSeconds(86_400), ZoneOffset.UTC));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                made.add(id);
                return id;
            }
        }
    }

    private String leaseOwner(long id) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT lease_owner FROM spool_message WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "message " + id);
                return rs.getString(1);
            }
        }
    }

    /** One claim in its own transaction, as each node's delivery takes it. */
    private static <T> T inTransaction(Callable<T> work) throws Exception {
        UserTransaction tx =
                (UserTransaction) new InitialContext().lookup("java:jboss/UserTransaction");
        tx.begin();
        try {
            T result = work.call();
            tx.commit();
            return result;
        } catch (Exception | Error e) {
            tx.rollback();
            throw e;
        }
    }
}
