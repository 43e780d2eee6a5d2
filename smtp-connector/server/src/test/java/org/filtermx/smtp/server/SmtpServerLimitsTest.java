package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.filtermx.smtp.server.ServerFixture.eventually;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.filtermx.smtp.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpServerLimitsTest {

    private static final String TOO_MANY_FROM_IP =
            "421 Too many concurrent SMTP connections from this IP address; please try again later.";

    @TempDir Path directory;

    @Test
    void refusesTheEleventhConnectionFromOneAddressWithTheDocumentedLine() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        try (ServerFixture fixture = ServerFixture.start(directory)) {
            for (int i = 0; i < 10; i++) {
                SmtpTestClient client = fixture.connect();
                open.add(client);
                assertThat(client.reply()).startsWith("220 ");
            }
            try (SmtpTestClient eleventh = fixture.connect()) {
                assertThat(eleventh.line()).isEqualTo(TOO_MANY_FROM_IP);
                assertThat(eleventh.closedByServer()).isTrue();
            }
            open.remove(0).close();
            eventually(
                    () -> {
                        try (SmtpTestClient again = fixture.connect()) {
                            assertThat(again.reply()).startsWith("220 ");
                        }
                    });
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void aClientThatReconnectsOnReadingTheQuitReplyFindsItsSlotFree() throws Exception {
        try (ServerFixture fixture =
                ServerFixture.start(directory, b -> b.maxConnectionsPerIp(1))) {
            for (int i = 0; i < 200; i++) {
                try (SmtpTestClient client = fixture.connect()) {
                    assertThat(client.reply()).as("connection %d", i).startsWith("220 ");
                    assertThat(client.command("QUIT")).startsWith("221 ");
                }
            }
        }
    }

    /**
     * Ten sessions from one address at the default limit of ten, each reconnecting after its QUIT
     * (as Postfix's smtp-source does) while busy threads keep the machine loaded: none may be
     * refused.
     */
    @Test
    void tenSessionsReconnectingUnderLoadAreNeverRefused() throws Exception {
        AtomicBoolean loaded = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread busy =
                    new Thread(
                            () -> {
                                long spin = 0;
                                while (loaded.get()) {
                                    spin += System.nanoTime() % 7;
                                }
                                assertThat(spin).isNotNegative();
                            });
            busy.setDaemon(true);
            busy.start();
            load.add(busy);
        }
        List<String> refusals = new CopyOnWriteArrayList<>();
        try (ServerFixture fixture = ServerFixture.start(directory)) {
            ExecutorService clients = Executors.newFixedThreadPool(10);
            try {
                List<Future<?>> sessions = new ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    sessions.add(
                            clients.submit(
                                    () -> {
                                        for (int i = 0; i < 40; i++) {
                                            try (SmtpTestClient client = fixture.connect()) {
                                                String greeting = client.reply();
                                                if (greeting == null
                                                        || !greeting.startsWith("220 ")) {
                                                    refusals.add(String.valueOf(greeting));
                                                    continue;
                                                }
                                                client.command("QUIT");
                                            }
                                        }
                                        return null;
                                    }));
                }
                for (Future<?> session : sessions) {
                    session.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
        } finally {
            loaded.set(false);
            for (Thread busy : load) {
                busy.join();
            }
        }
        assertThat(refusals).isEmpty();
    }

    @Test
    void refusesConnectionsOverTheListenerLimit() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.maxConnections(1));
                SmtpTestClient first = fixture.connect()) {
            assertThat(first.reply()).startsWith("220 ");
            try (SmtpTestClient second = fixture.connect()) {
                assertThat(second.line())
                        .isEqualTo("421 4.3.2 mx.test Error: too many connections");
            }
        }
    }

    @Test
    void closesIdleSessionAfterTheCommandTimeout() throws Exception {
        try (ServerFixture fixture =
                        ServerFixture.start(
                                directory, b -> b.commandTimeout(Duration.ofMillis(300)));
                SmtpTestClient client = fixture.connect()) {
            client.reply();
            assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Error: timeout exceeded");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void closesStalledDataAfterTheDataTimeoutAndKeepsNothing() throws Exception {
        try (ServerFixture fixture =
                        ServerFixture.start(directory, b -> b.dataTimeout(Duration.ofMillis(300)));
                SmtpTestClient client = fixture.greeted()) {
            client.command("MAIL FROM:<a@b.c>");
            client.command("RCPT TO:<r@main.test>");
            client.command("DATA");
            client.send("Subject: slow\r\n");

            assertThat(client.reply()).isEqualTo("421 4.4.2 mx.test Error: timeout exceeded");
            eventually(() -> assertThat(fixture.tempFiles()).isEmpty());
            assertThat(fixture.listener.deliveries).isEmpty();
        }
    }

    @Test
    void disconnectsAfterTooManyErrors() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.maxErrors(3));
                SmtpTestClient client = fixture.greeted()) {
            client.send("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n");

            assertThat(client.reply()).startsWith("500 ");
            assertThat(client.reply()).startsWith("500 ");
            assertThat(client.reply()).startsWith("500 ");
            assertThat(client.reply()).isEqualTo("421 4.7.0 mx.test Error: too many errors");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void answersTemporaryFailureWhenWorkIsRejected() throws Exception {
        try (ServerFixture fixture =
                        ServerFixture.withExecutor(
                                directory,
                                task -> {
                                    throw new RejectedExecutionException("full");
                                });
                SmtpTestClient client = fixture.greeted()) {
            client.command("MAIL FROM:<a@b.c>");

            assertThat(client.command("RCPT TO:<r@main.test>")).startsWith("451 4.3.0");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void refusesRecipientsOverTheLimit() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.recipientLimit(1));
                SmtpTestClient client = fixture.greeted()) {
            client.command("MAIL FROM:<a@b.c>");
            client.command("RCPT TO:<r@main.test>");

            assertThat(client.command("RCPT TO:<s@main.test>"))
                    .isEqualTo("452 4.5.3 Error: too many recipients");
        }
    }

    @Test
    void failsToStartWhenThePortIsInUse() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory)) {
            SmtpServerSettings settings =
                    SmtpServerSettings.builder()
                            .dataDirectory(directory)
                            .inboundPort(fixture.address.getPort())
                            .build();
            try (SmtpServer second =
                    new SmtpServer(
                            settings,
                            Role.INBOUND,
                            EndpointInvoker.direct(fixture.listener),
                            Runnable::run,
                            null)) {
                assertThatThrownBy(second::start)
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(
                                "cannot listen on 127.0.0.1:" + fixture.address.getPort());
            }
        }
    }
}
