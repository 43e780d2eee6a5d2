package org.filtermx.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.filtermx.imap.api.ImapFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 2177 IDLE: changes announced while idling, DONE, and the limit. */
class ImapIdleTest {

    @TempDir Path directory;
    private ImapFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void announcesNewAndRemovedMessagesWhileIdling() throws Exception {
        fixture = ImapFixture.start(directory);
        FakeImapListener.Folder inbox = fixture.inbox();
        inbox.add(FakeImapListener.message("a@b.test", "One", "x"), 0);
        inbox.add(FakeImapListener.message("a@b.test", "Two", "x"), 0);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.command("SELECT INBOX");
            client.write("a3 IDLE\r\n");
            assertThat(client.read()).isEqualTo("+ idling");
            synchronized (fixture.listener) {
                inbox.add(FakeImapListener.message("a@b.test", "Three", "x"), 0);
            }
            assertThat(client.read()).isEqualTo("* 3 EXISTS");
            synchronized (fixture.listener) {
                inbox.messages.remove(1L);
                inbox.messages.get(2L).flags = ImapFlags.SEEN;
            }
            assertThat(client.read()).isEqualTo("* 1 EXPUNGE");
            assertThat(client.read()).isEqualTo("* 1 FETCH (FLAGS (\\Seen))");
            client.write("DONE\r\n");
            assertThat(client.read()).isEqualTo("a3 OK IDLE terminated");
            assertThat(client.command("FETCH 2 UID"))
                    .containsExactly("* 2 FETCH (UID 3)", "a3 OK FETCH completed");
        }
    }

    @Test
    void endsAnIdleOverItsLimit() throws Exception {
        fixture =
                ImapFixture.start(
                        directory,
                        s ->
                                s.withTimeouts(
                                        Duration.ofMinutes(1),
                                        Duration.ofMinutes(30),
                                        Duration.ofMillis(700)));
        try (ImapTestClient client = fixture.loggedIn()) {
            client.write("a2 IDLE\r\n");
            assertThat(client.read()).isEqualTo("+ idling");
            assertThat(client.read()).isEqualTo("* BYE IDLE too long, reconnect");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void refusesAnythingButDone() throws Exception {
        fixture = ImapFixture.start(directory);
        try (ImapTestClient client = fixture.loggedIn()) {
            client.write("a2 IDLE\r\n");
            client.read();
            client.write("a3 NOOP\r\n");
            assertThat(client.read()).isEqualTo("a2 BAD IDLE expected DONE");
            assertThat(client.command("NOOP")).containsExactly("a2 OK NOOP completed");
        }
    }
}
