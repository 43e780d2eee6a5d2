package org.filtermx.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.filtermx.domain.model.quarantine.MailboxIndex;
import org.filtermx.domain.model.quarantine.MailboxMessage;
import org.filtermx.domain.model.quarantine.MailboxScope;
import org.filtermx.imap.api.ImapFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IMAP folder queries on H2 in MariaDB mode after every migration: which held messages each
 * kind of login sees in which folder (and that an id outside it is simply absent), per-login flags
 * and their cleanup with the message, and message bytes with a shared body.
 */
class JpaQuarantineMailboxRepositoryTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.now();
    private static final String BOB = "EMAIL_USER:bob@example.com";
    private static final String DOMAIN = "DOMAIN:example.com";

    private Connection c;
    private JpaQuarantineMailboxRepository repository;

    private long both;
    private long carolOnly;
    private long outgoing;
    private long foreign;
    private long expired;
    private long released;
    private long releasedForBob;
    private long shared;

    @BeforeEach
    void migrate() throws Exception {
        c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:mailboxes"
                                + DATABASES.incrementAndGet()
                                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
        SchemaMigrator.apply(c, MigrationScript.load("db/migration/", getClass().getClassLoader()));
        repository = new JpaQuarantineMailboxRepository(c);
        both = hold("example.com", "INBOUND", future(), "bob@example.com", "carol@example.com");
        carolOnly = hold("example.com", "INBOUND", future(), "carol@example.com");
        outgoing = hold("example.com", "OUTBOUND", future(), "someone@remote.test");
        foreign = hold("other.org", "INBOUND", future(), "dave@other.org");
        expired = hold("example.com", "INBOUND", NOW.minusSeconds(60), "bob@example.com");
        released = hold("example.com", "INBOUND", future(), "bob@example.com");
        sql("UPDATE quarantine_message SET released_at = CURRENT_TIMESTAMP WHERE id = " + released);
        sql(
                "UPDATE quarantine_recipient SET released_at = CURRENT_TIMESTAMP WHERE quarantine_id = "
                        + released);
        releasedForBob =
                hold("example.com", "INBOUND", future(), "bob@example.com", "carol@example.com");
        sql(
                "UPDATE quarantine_recipient SET released_at = CURRENT_TIMESTAMP"
                        + " WHERE address = 'bob@example.com' AND quarantine_id = "
                        + releasedForBob);
        shared = hold("example.com", "INBOUND", future(), "bob@example.com");
        sql(
                "INSERT INTO message_body (id, size_bytes, created_at, content)"
                        + " VALUES (77, 9, CURRENT_TIMESTAMP, X'"
                        + hex("Body\r\nend") // the shared part
                        + "')");
        sql("INSERT INTO quarantine_body (quarantine_id, body_id) VALUES (" + shared + ", 77)");
        sql(
                "UPDATE quarantine_message SET content = X'"
                        + hex("Subject: shared\r\n\r\n")
                        + "', size_bytes = 28 WHERE id = "
                        + shared);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void uidValidityIsTheTimeTheDatabaseGotItsTablesAndStaysPut() throws SQLException {
        long v = repository.uidValidity();
        assertThat(v).isBetween(NOW.getEpochSecond() - 600, NOW.getEpochSecond() + 600);
        sql("UPDATE imap_uid_validity SET uid_validity = 42");
        assertThat(new JpaQuarantineMailboxRepository(c).uidValidity()).isEqualTo(42);
        assertThat(repository.highestId()).isEqualTo(shared);
    }

    @Test
    void aDomainLoginSeesItsHeldIncomingAndOutgoingMail() {
        assertThat(ids(repository.index(domainScope("INBOUND"), DOMAIN)))
                .containsExactly(both, carolOnly, releasedForBob, shared);
        assertThat(ids(repository.index(domainScope("OUTBOUND"), DOMAIN)))
                .containsExactly(outgoing);
    }

    @Test
    void anEmailUserSeesOnlyWhatIsStillHeldForItself() {
        assertThat(ids(repository.index(bobScope(), BOB))).containsExactly(both, shared);
        MailboxScope carol =
                new MailboxScope(Set.of("example.com"), "carol@example.com", null, "INBOUND");
        assertThat(ids(repository.index(carol, "EMAIL_USER:carol@example.com")))
                .containsExactly(both, carolOnly, releasedForBob);
    }

    @Test
    void foreignExpiredAndReleasedIdsAreAbsent() {
        long[] asked = {foreign, carolOnly, expired, released, releasedForBob, both, 999_999};
        assertThat(ids(repository.index(bobScope(), BOB, asked))).containsExactly(both);
        assertThat(repository.messages(bobScope(), BOB, asked))
                .extracting(MailboxMessage::id)
                .containsExactly(both);
        assertThat(repository.index(domainScope("INBOUND"), DOMAIN, new long[] {foreign}).size())
                .isZero();
    }

    @Test
    void anAdministratorsDomainFolderHoldsThatDomainOnly() {
        MailboxScope other = new MailboxScope(null, null, "other.org", "INBOUND");
        assertThat(ids(repository.index(other, "ADMIN:admin"))).containsExactly(foreign);
        MailboxScope outsideReseller =
                new MailboxScope(Set.of("example.com"), null, "other.org", "INBOUND");
        assertThat(repository.index(outsideReseller, "RESELLER:r").size()).isZero();
    }

    @Test
    void flagsArePerLoginAndGoWithTheMessage() throws SQLException {
        repository.setFlags(BOB, both, ImapFlags.SEEN);
        repository.setFlags(BOB, both, ImapFlags.SEEN | ImapFlags.FLAGGED);
        repository.setFlags(BOB, shared, ImapFlags.DELETED);
        repository.setFlags(BOB, shared, 0);
        MailboxIndex bob = repository.index(bobScope(), BOB);
        assertThat(bob.flags()).containsExactly(ImapFlags.SEEN | ImapFlags.FLAGGED, 0);
        assertThat(repository.index(domainScope("INBOUND"), DOMAIN).flags()).containsOnly(0);
        assertThat(count("SELECT COUNT(*) FROM imap_flag")).isEqualTo(1);
        sql("DELETE FROM quarantine_recipient WHERE quarantine_id = " + both);
        sql("DELETE FROM quarantine_message WHERE id = " + both);
        assertThat(count("SELECT COUNT(*) FROM imap_flag")).isZero();
        repository.setFlags(BOB, both, ImapFlags.SEEN); // gone meanwhile: nothing to flag
        assertThat(count("SELECT COUNT(*) FROM imap_flag")).isZero();
    }

    @Test
    void aSharedBodyIsJoinedToItsHeaderLines() {
        List<MailboxMessage> found =
                repository.messages(bobScope(), BOB, new long[] {shared, both});
        MailboxMessage m = found.stream().filter(x -> x.id() == shared).findFirst().orElseThrow();
        assertThat(new String(m.content(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: shared\r\n\r\nBody\r\nend");
        assertThat(m.createdAt()).isNotNull();
    }

    @Test
    void aHeaderReadSendsOnlyTheFirstOctets() {
        MailboxMessage cut = repository.heads(bobScope(), BOB, new long[] {shared}, 8).get(0);
        assertThat(new String(cut.content(), StandardCharsets.US_ASCII)).isEqualTo("Subject:");
        assertThat(cut.size()).isEqualTo(28);
        assertThat(cut.whole()).isFalse();
        MailboxMessage intoBody = repository.heads(bobScope(), BOB, new long[] {shared}, 25).get(0);
        assertThat(new String(intoBody.content(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: shared\r\n\r\nBody\r\n");
        MailboxMessage small = repository.heads(bobScope(), BOB, new long[] {both}, 4096).get(0);
        assertThat(small.whole()).isTrue();
        assertThat(small.content()).hasSize(22);
        assertThat(repository.heads(bobScope(), BOB, new long[] {carolOnly}, 4096)).isEmpty();
    }

    @Test
    void manyIdsAreAskedForInPartsAndComeBackInOrder() throws SQLException {
        long[] many = new long[1200];
        for (int i = 0; i < 1199; i++) {
            many[i] = hold("example.com", "INBOUND", future(), "bob@example.com");
        }
        many[1199] = both;
        long[] reversed = LongStream.of(many).map(x -> -x).sorted().map(x -> -x).toArray();
        long[] found = repository.index(bobScope(), BOB, reversed).ids();
        assertThat(found).hasSize(1200).isSorted();
        assertThat(repository.index(bobScope(), BOB).size()).isEqualTo(1201);
    }

    private static long[] ids(MailboxIndex index) {
        return index.ids();
    }

    private static MailboxScope domainScope(String direction) {
        return new MailboxScope(Set.of("example.com"), null, null, direction);
    }

    private static MailboxScope bobScope() {
        return new MailboxScope(Set.of("example.com"), "bob@example.com", null, "INBOUND");
    }

    private static Instant future() {
        return NOW.plusSeconds(86_400);
    }

    private long hold(String domain, String direction, Instant expires, String... recipients)
            throws SQLException {
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO quarantine_message (queue_id, log_id, domain, direction,"
                                + " sender, recipients, subject, verdict, score, reasons,"
                                + " size_bytes, created_at, expires_at, content)"
                                + " VALUES ('q', 1, ?, ?, 's@x.test', ?, 'Hi', 'QUARANTINE', 9,"
                                + " '', 22, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, domain);
            ps.setString(2, direction);
            ps.setString(3, String.join(",", recipients));
            Jdbc.setTime(ps, 4, NOW.minusSeconds(3600));
            Jdbc.setTime(ps, 5, expires);
            ps.setBytes(6, "Subject: Hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            id = Jdbc.insertReturningId(ps);
        }
        for (String r : recipients) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO quarantine_recipient (address, quarantine_id) VALUES (?, ?)")) {
                ps.setString(1, r);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
        return id;
    }

    private long count(String query) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
