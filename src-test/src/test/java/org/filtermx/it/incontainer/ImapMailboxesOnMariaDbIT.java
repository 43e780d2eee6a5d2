package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.filtermx.application.Caller;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.QuarantineMailboxes;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxView;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quarantine's IMAP folders inside the server, on MariaDB, as the IMAP listener's endpoint
 * calls them: a domain's folder of 10,000 held messages opens from one indexed query in well under
 * a second and its headers come in batches, flags are kept per login, and an email user sees,
 * flags, expunges and trains only its own messages whatever UIDs it names. The protocol itself is
 * shown over sockets by the IMAP client tests.
 */
@ExtendWith(ArquillianExtension.class)
class ImapMailboxesOnMariaDbIT {

    /** The EJB module, and the EAR for the listener API in its lib/. */
    private static final String EJB_MODULE =
            "deployment.filtermx.ear.filtermx-ejb.jar, deployment.filtermx.ear";

    private static final Caller ADMIN = new Caller("admin", AccountRole.ADMIN);
    private static final int HELD = 10_000;
    private static final String PASSWORD = "Imap-Mailbox-Pass-2026";
    private static final String MESSAGE =
            "From: spammer@bad.test\r\nTo: carol@x\r\nBcc: secret@elsewhere.test\r\n"
                    + "Subject: Cheap pills\r\nMessage-ID: <m@bad.test>\r\n\r\nBuy now.\r\n";

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "imap-mailboxes-on-mariadb.war")
                .addClass(ImapMailboxesOnMariaDbIT.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    @Test
    void tenThousandHeldMessagesOpenQuicklyAndEachLoginSeesOnlyItsOwn() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String d = "imap-" + tag + ".test";
        String other = "imap-other-" + tag + ".test";
        DomainService domains = service(DomainService.class);
        domains.add(ADMIN, d, List.of(new DomainDetails.Route("192.0.2.1", 25, 10)));
        domains.add(ADMIN, other, List.of(new DomainDetails.Route("192.0.2.1", 25, 10)));
        try {
            domains.changeSettings(ADMIN, d, null, null, PASSWORD);
            EmailUserService users = service(EmailUserService.class);
            users.add(ADMIN, d, "bob@" + d, PASSWORD, null, null);
            long log = logEntry(tag);
            hold(tag, "c", d, "carol@" + d, log, HELD);
            long bobs = hold(tag, "b", d, "bob@" + d, log, 1);
            long foreign = hold(tag, "o", other, "dave@" + other, log, 1);
            QuarantineMailboxes mailboxes = service(QuarantineMailboxes.class);

            ImapLogin wrong = mailboxes.login(session(null), d, "not-the-password");
            assertEquals("AUTHENTICATIONFAILED", wrong.reply().code());
            ImapSession domain = login(mailboxes, d);
            ImapSession bob = login(mailboxes, "bob@" + d);
            assertEquals("DOMAIN:" + d, domain.identity());

            // Open the 10,001-message folder: once cold, then as a client's next poll does.
            long start = System.nanoTime();
            MailboxView inbox = mailboxes.select(domain, "INBOX");
            long coldMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            MailboxView again = mailboxes.select(domain, "INBOX");
            long warmMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "IMAP SELECT of %d held messages: %d ms cold, %d ms warm%n",
                    inbox.size(), coldMillis, warmMillis);
            assertTrue(inbox.reply().ok(), inbox.reply().text());
            assertEquals(HELD + 1, inbox.size());
            assertTrue(warmMillis < 1500, "SELECT took " + warmMillis + " ms");
            assertEquals(inbox.uidValidity(), again.uidValidity());
            assertTrue(inbox.uidValidity() > 1_600_000_000L, "uidvalidity " + inbox.uidValidity());
            assertTrue(inbox.uidNext() > bobs && inbox.uidNext() > foreign);
            long[] sorted = inbox.uids().clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, inbox.uids());

            // Headers of the whole folder in batches of 500, as a client reads its envelopes.
            start = System.nanoTime();
            int fetched = 0;
            for (int i = 0; i < inbox.size(); i += 500) {
                long[] batch = Arrays.copyOfRange(inbox.uids(), i, Math.min(inbox.size(), i + 500));
                List<ImapMessage> heads = mailboxes.fetch(domain, "INBOX", batch, false);
                assertEquals(batch.length, heads.size());
                fetched += heads.size();
            }
            System.out.printf(
                    "IMAP header fetch of %d messages: %d ms%n",
                    fetched, (System.nanoTime() - start) / 1_000_000);
            ImapMessage head = mailboxes.fetch(domain, "INBOX", new long[] {bobs}, false).get(0);
            assertTrue(new String(head.content(), "US-ASCII").endsWith("<m@bad.test>\r\n\r\n"));
            assertEquals(MESSAGE.length(), head.size());

            // Flags are the login's own.
            long[] three = Arrays.copyOf(inbox.uids(), 3);
            mailboxes.store(domain, "INBOX", three, ImapFlags.SEEN, ImapFlags.Store.ADD);
            List<ImapMessage> flagged =
                    mailboxes.store(domain, "INBOX", three, ImapFlags.FLAGGED, ImapFlags.Store.ADD);
            for (ImapMessage m : flagged) {
                assertEquals(ImapFlags.SEEN | ImapFlags.FLAGGED, m.flags());
            }
            MailboxView withFlags = mailboxes.select(domain, "INBOX");
            assertEquals(ImapFlags.SEEN | ImapFlags.FLAGGED, withFlags.flags()[0]);
            assertEquals(0, withFlags.flags()[3]);

            // The email user: its own message only, whatever UIDs it names.
            MailboxView bobsInbox = mailboxes.select(bob, "INBOX");
            assertArrayEquals(new long[] {bobs}, bobsInbox.uids());
            assertEquals(0, bobsInbox.flags()[0]);
            long[] notBobs = {three[0], three[1], foreign};
            assertTrue(mailboxes.fetch(bob, "INBOX", notBobs, true).isEmpty());
            assertTrue(
                    mailboxes
                            .store(bob, "INBOX", notBobs, ImapFlags.DELETED, ImapFlags.Store.ADD)
                            .isEmpty());
            assertEquals(0, mailboxes.expunge(bob, "INBOX", notBobs).length);
            CopyResult refused = mailboxes.copy(bob, "INBOX", notBobs, "Train as Spam", true);
            assertEquals(0, refused.goneFromSource().length);
            assertEquals(HELD + 1, mailboxes.select(domain, "INBOX").size());
            assertFalse(mailboxes.select(bob, other + "/INBOX").reply().ok());

            byte[] bobsCopy =
                    mailboxes.fetch(bob, "INBOX", new long[] {bobs}, true).get(0).content();
            assertFalse(new String(bobsCopy, "US-ASCII").contains("secret@"), "Bcc removed");

            // Moving into Train as Spam learns it and takes it out of the quarantine.
            CopyResult moved =
                    mailboxes.copy(bob, "INBOX", new long[] {bobs}, "Train as Spam", true);
            assertTrue(moved.reply().ok(), moved.reply().text());
            assertArrayEquals(new long[] {bobs}, moved.goneFromSource());
            assertEquals(0, mailboxes.select(bob, "INBOX").size());

            // Expunge deletes from the quarantine, flags and all.
            long[] gone = mailboxes.expunge(domain, "INBOX", new long[] {three[0]});
            assertArrayEquals(new long[] {three[0]}, gone);
            assertEquals(HELD - 1, mailboxes.select(domain, "INBOX").size());
            assertEquals(0, count("SELECT COUNT(*) FROM imap_flag WHERE message_id = " + three[0]));
            assertEquals(
                    List.of("INBOX", "Outgoing", "Release", "Release and Train", "Train as Spam"),
                    mailboxes.list(domain).stream().map(f -> f.name()).toList());
        } finally {
            removeHeld(tag);
            domains.remove(ADMIN, d);
            domains.remove(ADMIN, other);
        }
    }

    private static ImapSession session(String identity) {
        return new ImapSession(UUID.randomUUID().toString(), "192.0.2.77", "TLSv1.3", identity);
    }

    private static ImapSession login(QuarantineMailboxes mailboxes, String user) {
        ImapLogin login = mailboxes.login(session(null), user, PASSWORD);
        assertTrue(login.authenticated(), user + ": " + login.reply().text());
        return session(login.identity());
    }

    private static DataSource database() throws NamingException {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/FilterMXDS");
    }

    private static long logEntry(String tag) throws Exception {
        try (Connection c = database().getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO message_log (queue_id, direction, sender, recipients,"
                                        + " size_bytes, status, received_at, updated_at)"
                                        + " VALUES (?, 'INBOUND', 'spammer@bad.test', 'x', 1,"
                                        + " 'QUARANTINED', NOW(3), NOW(3))",
                                PreparedStatement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "imapit-" + tag);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Holds {@code n} copies of the message for {@code recipient} in one statement (MariaDB's
     * sequence engine), and returns the highest id.
     */
    private static long hold(
            String tag, String kind, String domain, String recipient, long log, int n)
            throws Exception {
        String prefix = "imapit-" + tag + "-" + kind + "-";
        try (Connection c = database().getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO quarantine_message (queue_id, log_id, domain, direction,"
                                    + " sender, recipients, subject, verdict, score, reasons,"
                                    + " size_bytes, created_at, expires_at, content)"
                                    + " SELECT CONCAT(?, seq), ?, ?, 'INBOUND', 'spammer@bad.test', ?,"
                                    + " 'Cheap pills', 'QUARANTINE', 9.5, 'BAYES_99', ?, NOW(3),"
                                    + " NOW(3) + INTERVAL 14 DAY, ? FROM seq_1_to_"
                                    + n)) {
                ps.setString(1, prefix);
                ps.setLong(2, log);
                ps.setString(3, domain);
                ps.setString(4, recipient);
                ps.setLong(5, MESSAGE.length());
                ps.setBytes(6, MESSAGE.getBytes("US-ASCII"));
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO quarantine_recipient (address, quarantine_id)"
                                    + " SELECT ?, id FROM quarantine_message WHERE queue_id LIKE ?")) {
                ps.setString(1, recipient);
                ps.setString(2, prefix + "%");
                ps.executeUpdate();
            }
        }
        return count(
                "SELECT MAX(id) FROM quarantine_message WHERE queue_id LIKE '" + prefix + "%'");
    }

    private static void removeHeld(String tag) throws Exception {
        try (Connection c = database().getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM quarantine_message WHERE queue_id LIKE ?")) {
            ps.setString(1, "imapit-" + tag + "-%");
            ps.executeUpdate();
        }
        try (Connection c = database().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM message_log WHERE queue_id = ?")) {
            ps.setString(1, "imapit-" + tag);
            ps.executeUpdate();
        }
    }

    private static long count(String query) throws SQLException, NamingException {
        try (Connection c = database().getConnection();
                PreparedStatement ps = c.prepareStatement(query);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> T service(Class<T> type) throws NamingException {
        InitialContext jndi = new InitialContext();
        String base = "java:global/filtermx/filtermx-ejb";
        List<String> views = new ArrayList<>();
        NamingEnumeration<NameClassPair> bindings = jndi.list(base);
        while (bindings.hasMore()) {
            String name = bindings.next().getName();
            if (name.endsWith("!" + type.getName())) {
                views.add(name);
            }
        }
        assertEquals(1, views.size(), "views of " + type.getName() + ": " + views);
        return type.cast(jndi.lookup(base + "/" + views.get(0)));
    }
}
