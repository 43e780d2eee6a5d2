package org.filtermx.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.ImapTestClient.last;

import java.nio.file.Path;
import java.util.List;
import org.filtermx.imap.api.ImapFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One protocol test per command over a real socket, RFC 3501 examples as fixtures. */
class ImapServerTest {

    @TempDir Path directory;
    private ImapFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ImapFixture.start(directory);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void fillInbox(int count) {
        for (int i = 1; i <= count; i++) {
            fixture.inbox()
                    .add(
                            FakeImapListener.message(
                                    "Sender " + i + " <s" + i + "@spam.test>",
                                    "Offer " + i,
                                    "Body text number " + i),
                            i < count ? ImapFlags.SEEN : 0);
        }
    }

    /** RFC 3501 section 8, adapted: login, select, fetch, store, logout. */
    @Test
    void runsTheSampleSessionOfRfc3501Section8() throws Exception {
        fillInbox(18);
        try (ImapTestClient client = fixture.connect()) {
            assertThat(client.read())
                    .startsWith("* OK [CAPABILITY IMAP4rev1 ")
                    .contains("AUTH=PLAIN")
                    .endsWith("] FilterMX IMAP ready");

            assertThat(last(client.command("login example.com secret")))
                    .startsWith("a1 OK [CAPABILITY IMAP4rev1")
                    .doesNotContain("AUTH=");

            List<String> select = client.command("select inbox");
            assertThat(select)
                    .contains(
                            "* 18 EXISTS",
                            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                            "* 0 RECENT",
                            "* OK [UNSEEN 18] First unseen",
                            "* OK [UIDVALIDITY 1234] UIDs valid",
                            "* OK [UIDNEXT 19] Predicted next UID",
                            "a2 OK [READ-WRITE] SELECT completed");

            List<String> full = client.command("fetch 12 full");
            assertThat(full.get(0))
                    .startsWith(
                            "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"29-Nov-2026 10:00:00 +0000\"")
                    .contains("RFC822.SIZE ")
                    .contains("ENVELOPE (\"Tue, 17 Nov 2026 10:00:00 +0000\" \"Offer 12\"")
                    .contains(" BODY (\"TEXT\" \"PLAIN\"");
            assertThat(last(full)).isEqualTo("a3 OK FETCH completed");

            List<String> header = client.command("fetch 12 body[header]");
            assertThat(header.get(0))
                    .startsWith("* 12 FETCH (BODY[HEADER] {")
                    .contains("Subject: Offer 12\r\n")
                    .endsWith("\r\n\r\n)");

            assertThat(client.command("store 12 +flags \\deleted"))
                    .containsExactly(
                            "* 12 FETCH (FLAGS (\\Seen \\Deleted))", "a5 OK STORE completed");

            assertThat(client.command("logout"))
                    .containsExactly("* BYE FilterMX IMAP logging out", "a6 OK LOGOUT completed");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(fixture.listener.threads).allMatch(name -> name.equals("test-work"));
    }

    @Test
    void answersCapabilityNoopIdAndNamespace() throws Exception {
        try (ImapTestClient client = fixture.connected()) {
            assertThat(client.command("CAPABILITY"))
                    .containsExactly(
                            "* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE"
                                    + " UIDPLUS MOVE UNSELECT SPECIAL-USE STARTTLS AUTH=PLAIN",
                            "a1 OK CAPABILITY completed");
            assertThat(client.command("NOOP")).containsExactly("a2 OK NOOP completed");
            assertThat(client.command("ID (\"name\" \"Thunderbird\" \"version\" \"128\")"))
                    .containsExactly("* ID (\"name\" \"FilterMX\")", "a3 OK ID completed");
            assertThat(client.command("ID NIL")).hasSize(2);
            assertThat(last(client.command("NAMESPACE"))).startsWith("a5 BAD");
            client.login();
            assertThat(client.command("NAMESPACE"))
                    .containsExactly(
                            "* NAMESPACE ((\"\" \"/\")) NIL NIL", "a7 OK NAMESPACE completed");
            assertThat(client.command("ENABLE UTF8=ACCEPT CONDSTORE"))
                    .containsExactly("* ENABLED", "a8 OK ENABLE completed");
            assertThat(client.command("CAPABILITY").get(0))
                    .doesNotContain("STARTTLS")
                    .doesNotContain("AUTH=");
        }
    }

    @Test
    void authenticatesWithPlainInitialResponseAndContinuation() throws Exception {
        String credentials =
                java.util.Base64.getEncoder().encodeToString("\0example.com\0secret".getBytes());
        try (ImapTestClient client = fixture.connected()) {
            assertThat(last(client.command("AUTHENTICATE PLAIN " + credentials)))
                    .startsWith("a1 OK [CAPABILITY");
        }
        try (ImapTestClient client = fixture.connected()) {
            client.write("a1 AUTHENTICATE PLAIN\r\n");
            assertThat(client.read()).isEqualTo("+ ");
            client.write(credentials + "\r\n");
            assertThat(client.read()).startsWith("a1 OK [CAPABILITY");
        }
        try (ImapTestClient client = fixture.connected()) {
            client.write("a1 AUTHENTICATE PLAIN\r\n");
            client.read();
            client.write("*\r\n");
            assertThat(client.read()).startsWith("a1 BAD");
            String wrong =
                    java.util.Base64.getEncoder().encodeToString("\0example.com\0nope".getBytes());
            assertThat(client.command("AUTHENTICATE PLAIN " + wrong))
                    .containsExactly("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
        }
    }

    @Test
    void refusesWrongPasswordsWithTheEndpointsAnswer() throws Exception {
        try (ImapTestClient client = fixture.connected()) {
            assertThat(client.command("LOGIN example.com wrong"))
                    .containsExactly("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(last(client.command("SELECT INBOX"))).startsWith("a2 BAD");
            assertThat(last(client.command("LOGIN \"example.com\" {6+}\r\nsecret")))
                    .startsWith("a3 OK");
        }
    }

    @Test
    void listsFoldersWithWildcardsAndSpecialUse() throws Exception {
        try (ImapTestClient client = fixture.loggedIn()) {
            assertThat(client.command("LIST \"\" \"\""))
                    .containsExactly("* LIST (\\Noselect) \"/\" \"\"", "a2 OK LIST completed");
            assertThat(client.command("LIST \"\" *"))
                    .containsExactly(
                            "* LIST (\\HasNoChildren \\Junk) \"/\" \"INBOX\"",
                            "* LIST (\\HasNoChildren) \"/\" \"Outgoing\"",
                            "* LIST (\\HasNoChildren) \"/\" \"Release\"",
                            "* LIST (\\HasNoChildren) \"/\" \"Train as Spam\"",
                            "a3 OK LIST completed");
            assertThat(client.command("LIST \"\" \"Tr%\""))
                    .containsExactly(
                            "* LIST (\\HasNoChildren) \"/\" \"Train as Spam\"",
                            "a4 OK LIST completed");
            assertThat(client.command("LSUB \"\" inbox"))
                    .containsExactly(
                            "* LSUB (\\HasNoChildren \\Junk) \"/\" \"INBOX\"",
                            "a5 OK LSUB completed");
            assertThat(client.command("LIST (SPECIAL-USE) \"\" \"*\" RETURN (SPECIAL-USE)"))
                    .containsExactly(
                            "* LIST (\\HasNoChildren \\Junk) \"/\" \"INBOX\"",
                            "a6 OK LIST completed");
            assertThat(client.command("SUBSCRIBE Release"))
                    .containsExactly("a7 OK SUBSCRIBE completed");
            assertThat(client.command("UNSUBSCRIBE Release"))
                    .containsExactly("a8 OK UNSUBSCRIBE completed");
            assertThat(client.command("CREATE Foo"))
                    .containsExactly("a9 NO [CANNOT] The folders are fixed");
            assertThat(client.command("DELETE INBOX"))
                    .containsExactly("a10 NO [CANNOT] The folders are fixed");
            assertThat(client.command("RENAME Release Foo"))
                    .containsExactly("a11 NO [CANNOT] The folders are fixed");
        }
    }

    @Test
    void reportsStatus() throws Exception {
        fillInbox(3);
        try (ImapTestClient client = fixture.loggedIn()) {
            assertThat(client.command("STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN RECENT)"))
                    .containsExactly(
                            "* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 1234 UNSEEN 1 RECENT 0)",
                            "a2 OK STATUS completed");
            assertThat(client.command("STATUS Nowhere (MESSAGES)"))
                    .containsExactly("a3 NO [NONEXISTENT] No such folder");
        }
    }

    @Test
    void examinesReadOnlyAndRefusesChanges() throws Exception {
        fillInbox(2);
        try (ImapTestClient client = fixture.loggedIn()) {
            List<String> examine = client.command("EXAMINE INBOX");
            assertThat(examine)
                    .contains("* OK [PERMANENTFLAGS ()] No permanent flags permitted")
                    .endsWith("a2 OK [READ-ONLY] EXAMINE completed");
            assertThat(client.command("STORE 1 +FLAGS (\\Deleted)"))
                    .containsExactly("a3 NO [READ-ONLY] The folder is read-only");
            assertThat(client.command("EXPUNGE"))
                    .containsExactly("a4 NO [READ-ONLY] The folder is read-only");
            // A body fetch in a read-only folder does not set \Seen.
            client.command("FETCH 2 BODY[TEXT]");
            assertThat(fixture.inbox().messages.get(2L).flags & ImapFlags.SEEN).isZero();
            assertThat(client.command("SELECT Nowhere"))
                    .containsExactly("a6 NO [NONEXISTENT] No such folder");
            assertThat(last(client.command("FETCH 1 FLAGS"))).startsWith("a7 BAD");
        }
    }

    @Test
    void fetchesSectionsPartialsAndSetsSeen() throws Exception {
        fillInbox(2);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            List<String> peek =
                    client.command("UID FETCH 2 (BODY.PEEK[HEADER.FIELDS (Subject)] RFC822.SIZE)");
            assertThat(peek.get(0))
                    .startsWith("* 2 FETCH (UID 2 BODY[HEADER.FIELDS (Subject)] {")
                    .contains("Subject: Offer 2\r\n\r\n RFC822.SIZE ");
            assertThat(fixture.inbox().messages.get(2L).flags & ImapFlags.SEEN).isZero();

            List<String> partial = client.command("FETCH 2 BODY[]<6.6>");
            assertThat(partial.get(0))
                    .isEqualTo("* 2 FETCH (BODY[]<6> {6}\r\nSender FLAGS (\\Seen))");
            assertThat(fixture.inbox().messages.get(2L).flags & ImapFlags.SEEN).isNotZero();

            assertThat(client.command("FETCH 1 (RFC822.TEXT)").get(0))
                    .isEqualTo("* 1 FETCH (RFC822.TEXT {20}\r\nBody text number 1\r\n)");
            assertThat(client.command("FETCH 1 RFC822").get(0)).startsWith("* 1 FETCH (RFC822 {");
            assertThat(client.command("FETCH 1 RFC822.HEADER").get(0))
                    .startsWith("* 1 FETCH (RFC822.HEADER {");
            assertThat(client.command("FETCH 1 BODYSTRUCTURE").get(0))
                    .startsWith("* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\"");
            assertThat(client.command("FETCH 1:* FAST"))
                    .hasSize(3)
                    .first()
                    .asString()
                    .startsWith("* 1 FETCH (FLAGS (\\Seen) INTERNALDATE");
            assertThat(client.command("UID FETCH 1:* (UID FLAGS)"))
                    .containsExactly(
                            "* 1 FETCH (UID 1 FLAGS (\\Seen))",
                            "* 2 FETCH (UID 2 FLAGS (\\Seen))",
                            "a10 OK UID FETCH completed");
            assertThat(last(client.command("FETCH 1 BODY[1.X]"))).startsWith("a11 BAD");
            assertThat(last(client.command("FETCH 3 FLAGS"))).startsWith("a12 BAD");
            assertThat(last(client.command("FETCH 1 (FLAGS"))).startsWith("a13 BAD");
        }
    }

    @Test
    void fetchesFlagsFromTheSnapshotWithoutAskingTheEndpoint() throws Exception {
        fillInbox(3);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            int before = fixture.listener.fetchBatchSizes.size();
            client.command("FETCH 1:* (FLAGS UID)");
            assertThat(fixture.listener.fetchBatchSizes).hasSize(before);
            client.command("FETCH 1:* (ENVELOPE)");
            assertThat(fixture.listener.calls).contains("fetch INBOX 3 false");
        }
    }

    @Test
    void storesFlagsInEveryMode() throws Exception {
        fillInbox(3);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            assertThat(client.command("STORE 1:2 FLAGS (\\Flagged)"))
                    .containsExactly(
                            "* 1 FETCH (FLAGS (\\Flagged))",
                            "* 2 FETCH (FLAGS (\\Flagged))",
                            "a3 OK STORE completed");
            assertThat(client.command("UID STORE 2 +FLAGS.SILENT (\\Seen \\Answered)"))
                    .containsExactly("a4 OK UID STORE completed");
            assertThat(client.command("UID STORE 2 -FLAGS (\\Flagged)"))
                    .containsExactly(
                            "* 2 FETCH (FLAGS (\\Seen \\Answered) UID 2)",
                            "a5 OK UID STORE completed");
            assertThat(fixture.inbox().messages.get(2L).flags)
                    .isEqualTo(ImapFlags.SEEN | ImapFlags.ANSWERED);
            assertThat(last(client.command("STORE 1 FLAGZ (\\Seen)"))).startsWith("a6 BAD");
        }
    }

    @Test
    void expungesDeletedMessagesHighestFirst() throws Exception {
        fillInbox(5);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            client.command("STORE 2,4 +FLAGS.SILENT (\\Deleted)");
            assertThat(client.command("EXPUNGE"))
                    .containsExactly("* 4 EXPUNGE", "* 2 EXPUNGE", "a4 OK EXPUNGE completed");
            assertThat(fixture.inbox().messages.keySet()).containsExactly(1L, 3L, 5L);
            client.command("STORE 1:3 +FLAGS.SILENT (\\Deleted)");
            assertThat(client.command("UID EXPUNGE 3:4"))
                    .containsExactly("* 2 EXPUNGE", "a6 OK UID EXPUNGE completed");
            assertThat(client.command("CLOSE")).containsExactly("a7 OK CLOSE completed");
            assertThat(fixture.inbox().messages).isEmpty();
            assertThat(last(client.command("FETCH 1 FLAGS"))).startsWith("a8 BAD");
        }
    }

    @Test
    void unselectsWithoutExpunging() throws Exception {
        fillInbox(2);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            client.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            assertThat(client.command("UNSELECT")).containsExactly("a4 OK UNSELECT completed");
            assertThat(fixture.inbox().messages).hasSize(2);
        }
    }

    @Test
    void copiesAndMovesWithExpungeForWhatLeftTheSource() throws Exception {
        fillInbox(4);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            assertThat(client.command("COPY 1 \"Train as Spam\""))
                    .containsExactly("a3 OK COPY completed");
            assertThat(client.command("UID COPY 2 Release"))
                    .containsExactly("* 2 EXPUNGE", "a4 OK COPY completed");
            assertThat(client.command("MOVE 2:3 \"Release and Train\""))
                    .containsExactly("a5 NO [TRYCREATE] No such folder");
            assertThat(client.command("UID MOVE 3:4 Release"))
                    .containsExactly("* 3 EXPUNGE", "* 2 EXPUNGE", "a6 OK MOVE completed");
            assertThat(client.command("CHECK")).containsExactly("a7 OK CHECK completed");
            assertThat(fixture.inbox().messages.keySet()).containsExactly(1L);
        }
    }

    @Test
    void searchesByFlagsHeadersBodyAndDates() throws Exception {
        fillInbox(5);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            assertThat(client.command("SEARCH UNSEEN")).startsWith("* SEARCH 5");
            assertThat(client.command("SEARCH ALL").get(0)).isEqualTo("* SEARCH 1 2 3 4 5");
            assertThat(client.command("UID SEARCH 2:3").get(0)).isEqualTo("* SEARCH 2 3");
            assertThat(client.command("SEARCH SUBJECT \"offer 4\"").get(0)).isEqualTo("* SEARCH 4");
            assertThat(client.command("SEARCH FROM s2@spam.test").get(0)).isEqualTo("* SEARCH 2");
            assertThat(client.command("SEARCH CHARSET UTF-8 BODY \"number 3\"").get(0))
                    .isEqualTo("* SEARCH 3");
            assertThat(client.command("SEARCH TEXT \"Offer 1\"").get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH OR SEEN NOT (UID 1:4) LARGER 10").get(0))
                    .isEqualTo("* SEARCH 1 2 3 4 5");
            assertThat(client.command("SEARCH NOT OR 1 2").get(0)).isEqualTo("* SEARCH 3 4 5");
            // Internal dates are 18, 19, ... November 2026.
            assertThat(client.command("SEARCH SINCE 20-Nov-2026").get(0))
                    .isEqualTo("* SEARCH 3 4 5");
            assertThat(client.command("SEARCH ON 19-Nov-2026").get(0)).isEqualTo("* SEARCH 2");
            assertThat(client.command("SEARCH BEFORE 19-Nov-2026").get(0)).isEqualTo("* SEARCH 1");
            assertThat(client.command("SEARCH SENTON 17-Nov-2026").get(0))
                    .isEqualTo("* SEARCH 1 2 3 4 5");
            assertThat(client.command("SEARCH HEADER Message-ID @test SMALLER 5").get(0))
                    .isEqualTo("* SEARCH");
            assertThat(client.command("SEARCH NEW").get(0)).isEqualTo("* SEARCH");
            assertThat(client.command("SEARCH CHARSET KOI8-R ALL"))
                    .containsExactly("a18 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
            assertThat(last(client.command("SEARCH BOGUS"))).startsWith("a19 BAD");
        }
    }

    @Test
    void appendsWithSynchronizingLiteralAndLiteralPlus() throws Exception {
        String message = "From: a@b.test\r\nSubject: spam\r\n\r\nbuy now\r\n";
        try (ImapTestClient client = fixture.loggedIn()) {
            client.write("a2 APPEND \"Train as Spam\" (\\Seen) {" + message.length() + "}\r\n");
            assertThat(client.read()).isEqualTo("+ Ready for literal data");
            client.write(message + "\r\n");
            assertThat(client.read()).isEqualTo("a2 OK APPEND completed");

            client.write(
                    "a3 APPEND \"Train as Spam\" \"17-Nov-2026 10:00:00 +0100\" {"
                            + message.length()
                            + "+}\r\n"
                            + message
                            + "\r\n");
            assertThat(client.read()).isEqualTo("a3 OK APPEND completed");
            assertThat(client.command("APPEND INBOX {3+}\r\nabc"))
                    .containsExactly("a2 NO [CANNOT] Only Train as Spam takes messages");
        }
        assertThat(fixture.listener.appended).hasSize(3).first().isEqualTo(message.getBytes());
        assertThat(fixture.listener.calls).contains("append Train as Spam " + ImapFlags.SEEN);
        try (var files = java.nio.file.Files.list(fixture.settings.tempDirectory())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void sendsUpdatesAfterNoop() throws Exception {
        fillInbox(3);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            fixture.inbox().messages.remove(2L);
            fixture.inbox().messages.get(3L).flags = ImapFlags.FLAGGED;
            fixture.inbox().add(FakeImapListener.message("x@y.test", "New", "new"), 0);
            assertThat(client.command("NOOP"))
                    .containsExactly(
                            "* 2 EXPUNGE",
                            "* 2 FETCH (FLAGS (\\Flagged))",
                            "* 3 EXISTS",
                            "a3 OK NOOP completed");
            assertThat(client.command("FETCH 3 UID").get(0)).isEqualTo("* 3 FETCH (UID 4)");
        }
    }

    @Test
    void streamsLargeFetchesInBatches() throws Exception {
        FakeImapListener.Folder inbox = fixture.inbox();
        String text = FakeImapListener.message("a@b.test", "Bulk", "x");
        for (int i = 0; i < 10_000; i++) {
            inbox.add(text, 0);
        }
        try (ImapTestClient client = fixture.loggedIn()) {
            assertThat(client.command("SELECT INBOX")).contains("* 10000 EXISTS");
            List<String> fetched = client.command("UID FETCH 1:* (UID RFC822.SIZE ENVELOPE)");
            assertThat(fetched).hasSize(10_001);
            assertThat(fetched.get(9999)).startsWith("* 10000 FETCH (UID 10000 RFC822.SIZE");
            assertThat(fixture.listener.fetchBatchSizes)
                    .hasSize(50)
                    .allMatch(size -> size == ImapServerSettings.BATCH);
            assertThat(fixture.listener.calls).contains("fetch INBOX 200 false");
        }
    }
}
