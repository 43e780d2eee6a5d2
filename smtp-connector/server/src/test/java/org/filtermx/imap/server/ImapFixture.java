package org.filtermx.imap.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.filtermx.smtp.server.tls.ServerTlsContext;

/**
 * The IMAP listeners (STARTTLS and implicit TLS) on ephemeral loopback ports with a {@link
 * FakeImapListener}, commands on a thread pool of their own as the WorkManager would run them.
 */
final class ImapFixture implements AutoCloseable {

    private static SslContext tls;

    final FakeImapListener listener = new FakeImapListener();
    final ImapServerSettings settings;
    final InetSocketAddress address;
    final InetSocketAddress implicitTlsAddress;
    private final ExecutorService executor =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "test-work");
                        t.setDaemon(true);
                        return t;
                    });
    private final ImapServer server;
    private final ImapServer implicitTlsServer;

    private ImapFixture(
            Path directory, boolean cleartextOnLoopback, UnaryOperator<ImapServerSettings> tweak)
            throws Exception {
        SmtpServerSettings smtp =
                SmtpServerSettings.builder()
                        .bindAddress("127.0.0.1")
                        .dataDirectory(directory)
                        .serverName("imap.test")
                        .maxErrors(5)
                        .build();
        settings =
                tweak.apply(
                        ImapServerSettings.of(
                                smtp, 0, 0, cleartextOnLoopback, Duration.ofMillis(200)));
        server = new ImapServer(settings, listener, executor, sharedTls(), false);
        address = server.start();
        implicitTlsServer = new ImapServer(settings, listener, executor, sharedTls(), true);
        implicitTlsAddress = implicitTlsServer.start();
    }

    /** Cleartext LOGIN allowed on loopback: most protocol tests. */
    static ImapFixture start(Path directory) throws Exception {
        return new ImapFixture(directory, true, s -> s);
    }

    /** As in production: LOGIN only over TLS. */
    static ImapFixture tlsOnly(Path directory) throws Exception {
        return new ImapFixture(directory, false, s -> s);
    }

    static ImapFixture start(Path directory, UnaryOperator<ImapServerSettings> tweak)
            throws Exception {
        return new ImapFixture(directory, true, tweak);
    }

    private static synchronized SslContext sharedTls() throws Exception {
        if (tls == null) {
            Path directory = Files.createTempDirectory("filtermx-imap-tls");
            tls =
                    ServerTlsContext.create(
                            SmtpServerSettings.builder()
                                    .dataDirectory(directory)
                                    .serverName("imap.test")
                                    .build());
        }
        return tls;
    }

    ImapTestClient connect() throws IOException {
        return new ImapTestClient(address);
    }

    /** A connection with its greeting read. */
    ImapTestClient connected() throws IOException {
        ImapTestClient client = connect();
        client.read();
        return client;
    }

    /** A connection logged in as example.com. */
    ImapTestClient loggedIn() throws IOException {
        ImapTestClient client = connected();
        client.login();
        return client;
    }

    FakeImapListener.Folder inbox() {
        return listener.folder("example.com", "INBOX");
    }

    @Override
    public void close() {
        server.close();
        implicitTlsServer.close();
        executor.shutdownNow();
    }
}
