package org.filtermx.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.ImapTestClient.last;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS before login, STARTTLS injection, size caps, error and time limits, tenancy. */
class ImapSecurityTest {

    @TempDir Path directory;
    private ImapFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void refusesLoginBeforeTlsAndAdvertisesLogindisabled() throws Exception {
        fixture = ImapFixture.tlsOnly(directory);
        try (ImapTestClient client = fixture.connect()) {
            assertThat(client.read()).contains(" STARTTLS LOGINDISABLED]").doesNotContain("AUTH=");
            assertThat(client.command("LOGIN example.com secret"))
                    .containsExactly("a1 NO [PRIVACYREQUIRED] Use STARTTLS first");
            assertThat(client.command("AUTHENTICATE PLAIN AGV4YW1wbGUuY29tAHNlY3JldA=="))
                    .containsExactly("a2 NO [PRIVACYREQUIRED] Use STARTTLS first");
            assertThat(client.command("STARTTLS"))
                    .containsExactly("a3 OK Begin TLS negotiation now");
            client.tls();
            assertThat(client.command("CAPABILITY").get(0))
                    .endsWith(" SPECIAL-USE AUTH=PLAIN")
                    .doesNotContain("STARTTLS");
            assertThat(last(client.login())).startsWith("a5 OK");
            assertThat(last(client.command("STARTTLS"))).startsWith("a6 BAD");
        }
        assertThat(fixture.listener.calls).containsExactly("login example.com");
    }

    /** CVE-2011-0411: what follows STARTTLS in the same packet must never run. */
    @Test
    void dropsCommandsInjectedAfterStarttls() throws Exception {
        fixture = ImapFixture.tlsOnly(directory);
        try (ImapTestClient client = fixture.connected()) {
            client.write("a1 STARTTLS\r\na2 LOGIN example.com secret\r\na3 CAPABILITY\r\n");
            assertThat(client.read()).isEqualTo("a1 OK Begin TLS negotiation now");
            client.tls();
            assertThat(client.command("NOOP")).containsExactly("a1 OK NOOP completed");
            assertThat(last(client.command("SELECT INBOX"))).startsWith("a2 BAD");
        }
        assertThat(fixture.listener.calls).isEmpty();
    }

    @Test
    void servesImplicitTls() throws Exception {
        fixture = ImapFixture.tlsOnly(directory);
        try (ImapTestClient client = ImapTestClient.implicitTls(fixture.implicitTlsAddress)) {
            assertThat(client.read())
                    .startsWith("* OK [CAPABILITY ")
                    .contains("AUTH=PLAIN")
                    .doesNotContain("STARTTLS");
            assertThat(last(client.login())).startsWith("a1 OK");
            assertThat(last(client.command("STARTTLS"))).startsWith("a2 BAD");
        }
    }

    @Test
    void refusesLiteralsOverTheCapWithoutReadingThem() throws Exception {
        fixture = ImapFixture.start(directory, s -> s.withMessageSizeLimit(1000));
        try (ImapTestClient client = fixture.connected()) {
            // Before login: 1 KiB; no continuation for a synchronizing literal.
            client.write("a1 LOGIN {2000}\r\n");
            assertThat(client.read()).isEqualTo("a1 BAD [TOOBIG] Literal too large");
            assertThat(client.command("NOOP")).containsExactly("a1 OK NOOP completed");
            client.write("a2 LOGIN {5}\r\n");
            assertThat(client.read()).isEqualTo("+ Ready for literal data");
            client.write("x.org {3}\r\n");
            assertThat(client.read()).isEqualTo("+ Ready for literal data");
            client.write("abc\r\n");
            assertThat(client.read())
                    .isEqualTo("a2 NO [AUTHENTICATIONFAILED] Authentication failed");
            // Over the cap with LITERAL+: the client sends it anyway, so the connection ends.
            client.write("a3 LOGIN {5000+}\r\n");
            assertThat(client.read()).isEqualTo("a3 BAD [TOOBIG] Literal too large");
            assertThat(client.closedByServer()).isTrue();
        }
        try (ImapTestClient client = fixture.loggedIn()) {
            client.write("a2 APPEND \"Train as Spam\" {1001}\r\n");
            assertThat(client.read()).isEqualTo("a2 NO [TOOBIG] Literal too large");
            assertThat(client.command("NOOP")).containsExactly("a2 OK NOOP completed");
        }
        assertThat(fixture.listener.appended).isEmpty();
    }

    @Test
    void refusesLongLinesAndClosesAfterTooManyErrors() throws Exception {
        fixture = ImapFixture.start(directory);
        try (ImapTestClient client = fixture.connected()) {
            client.write("a1 LOGIN " + "x".repeat(9000) + " y\r\n");
            assertThat(client.read()).isEqualTo("* BAD [TOOBIG] Command line too long");
            for (int i = 0; i < 4; i++) {
                assertThat(last(client.command("BOGUS"))).contains(" BAD ");
            }
            client.write("a9 BOGUS\r\n");
            assertThat(client.read()).startsWith("a9 BAD");
            assertThat(client.read()).isEqualTo("* BYE Too many errors");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void logsOutIdleClientsBeforeLogin() throws Exception {
        fixture =
                ImapFixture.start(
                        directory,
                        s ->
                                s.withTimeouts(
                                        Duration.ofMillis(300),
                                        Duration.ofMinutes(30),
                                        Duration.ofMinutes(29)));
        try (ImapTestClient client = fixture.connected()) {
            assertThat(client.read()).isEqualTo("* BYE Autologout; idle for too long");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    /**
     * Whatever UIDs or sequence numbers a client names, only its own snapshot's reach the endpoint.
     */
    @Test
    void neverPassesAUidOutsideTheSnapshotToTheEndpoint() throws Exception {
        fixture = ImapFixture.start(directory);
        for (int i = 0; i < 3; i++) {
            fixture.inbox().add(FakeImapListener.message("a@b.test", "Mine " + i, "x"), 0);
        }
        FakeImapListener.Folder foreign = fixture.listener.folder("other.org", "INBOX");
        for (int i = 0; i < 10; i++) {
            foreign.add(FakeImapListener.message("c@d.test", "Theirs " + i, "y"), 0);
        }
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            assertThat(client.command("UID FETCH 4:10 BODY[]"))
                    .containsExactly("a3 OK UID FETCH completed");
            assertThat(client.command("UID FETCH 2:99 (FLAGS BODY.PEEK[HEADER])")).hasSize(3);
            assertThat(client.command("UID STORE 5,7,9 +FLAGS (\\Deleted)"))
                    .containsExactly("a5 OK UID STORE completed");
            assertThat(client.command("UID COPY 6:8 Release"))
                    .containsExactly("a6 OK COPY completed (no messages)");
            assertThat(client.command("UID MOVE 4294967295 Release"))
                    .containsExactly("a7 OK MOVE completed (no messages)");
            assertThat(last(client.command("FETCH 4 BODY[]"))).startsWith("a8 BAD");
            assertThat(last(client.command("STORE 1:10 +FLAGS (\\Seen)"))).startsWith("a9 BAD");
            assertThat(client.command("UID EXPUNGE 1:*"))
                    .containsExactly("a10 OK UID EXPUNGE completed");
            assertThat(client.command("UID SEARCH UID 4:10").get(0)).isEqualTo("* SEARCH");
            assertThat(last(client.command("UID FETCH 0 FLAGS"))).startsWith("a12 BAD");
        }
        assertThat(fixture.listener.uidsAsked).isNotEmpty().allMatch(Set.of(1L, 2L, 3L)::contains);
        assertThat(foreign.messages).hasSize(10);
    }

    @Test
    void answersFetchStarOnAnEmptyFolder() throws Exception {
        fixture = ImapFixture.start(directory);
        try (ImapTestClient client = fixture.loggedIn()) {
            assertThat(client.command("SELECT INBOX")).contains("* 0 EXISTS");
            assertThat(client.command("FETCH 1:* (FLAGS)"))
                    .containsExactly("a3 OK FETCH completed");
            assertThat(client.command("UID FETCH 1:* (FLAGS)"))
                    .containsExactly("a4 OK UID FETCH completed");
            assertThat(client.command("SEARCH ALL"))
                    .containsExactly("* SEARCH", "a5 OK SEARCH completed");
        }
    }

    @Test
    void processesPipelinedCommandsInOrder() throws Exception {
        fixture = ImapFixture.start(directory);
        try (ImapTestClient client = fixture.connected()) {
            client.write(
                    "p1 LOGIN example.com secret\r\np2 SELECT INBOX\r\np3 NOOP\r\np4 LOGOUT\r\n");
            assertThat(client.until("p1")).hasSize(1);
            assertThat(last(client.until("p2"))).isEqualTo("p2 OK [READ-WRITE] SELECT completed");
            assertThat(client.until("p3")).containsExactly("p3 OK NOOP completed");
            assertThat(client.until("p4"))
                    .containsExactly("* BYE FilterMX IMAP logging out", "p4 OK LOGOUT completed");
        }
    }
}
