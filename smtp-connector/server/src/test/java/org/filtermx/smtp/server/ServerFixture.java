package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.server.tls.ServerTlsContext;

/**
 * A standalone server on an ephemeral loopback port with a {@link RecordingListener}; for the
 * submission role, the STARTTLS and the implicit TLS listener side by side, as the resource adapter
 * binds them.
 */
final class ServerFixture implements AutoCloseable {

    private static SslContext tls;

    final RecordingListener listener = new RecordingListener();
    final Path tempDirectory;
    final InetSocketAddress address;

    /** The implicit TLS listener's address, for the submission role; else {@code null}. */
    final InetSocketAddress implicitTlsAddress;

    private final ExecutorService ownExecutor = Executors.newCachedThreadPool();
    private final SmtpServer server;
    private final SmtpServer implicitTlsServer;

    private ServerFixture(
            Path directory, UnaryOperator<SmtpServerSettings.Builder> tweak, Executor executor)
            throws Exception {
        this(directory, tweak, executor, Role.INBOUND);
    }

    private ServerFixture(
            Path directory,
            UnaryOperator<SmtpServerSettings.Builder> tweak,
            Executor executor,
            Role role)
            throws Exception {
        tempDirectory = directory.resolve("tmp");
        SmtpServerSettings settings =
                tweak.apply(
                                SmtpServerSettings.builder()
                                        .bindAddress("127.0.0.1")
                                        .inboundPort(0)
                                        .submissionPort(0)
                                        .submissionsPort(0)
                                        .dataDirectory(directory)
                                        .serverName("mx.test")
                                        .messageSizeLimit(10_000)
                                        .commandTimeout(Duration.ofSeconds(10))
                                        .dataTimeout(Duration.ofSeconds(10)))
                        .build();
        Executor work = executor == null ? ownExecutor : executor;
        server =
                new SmtpServer(settings, role, EndpointInvoker.direct(listener), work, sharedTls());
        address = server.start();
        if (role == Role.SUBMISSION) {
            implicitTlsServer =
                    SmtpServer.implicitTls(
                            settings, EndpointInvoker.direct(listener), work, sharedTls());
            implicitTlsAddress = implicitTlsServer.start();
        } else {
            implicitTlsServer = null;
            implicitTlsAddress = null;
        }
    }

    /** The submission listeners (587 and 465 style) on ephemeral ports. */
    static ServerFixture submission(Path directory, UnaryOperator<SmtpServerSettings.Builder> tweak)
            throws Exception {
        return new ServerFixture(directory, tweak, null, Role.SUBMISSION);
    }

    static ServerFixture start(Path directory) throws Exception {
        return new ServerFixture(directory, b -> b, null);
    }

    static ServerFixture start(Path directory, UnaryOperator<SmtpServerSettings.Builder> tweak)
            throws Exception {
        return new ServerFixture(directory, tweak, null);
    }

    static ServerFixture withExecutor(Path directory, Executor executor) throws Exception {
        return new ServerFixture(directory, b -> b, executor);
    }

    /** One self-signed context for all tests: generating RSA keys is the slow part. */
    private static synchronized SslContext sharedTls() throws Exception {
        if (tls == null) {
            Path directory = Files.createTempDirectory("filtermx-smtp-tls");
            tls =
                    ServerTlsContext.create(
                            SmtpServerSettings.builder()
                                    .dataDirectory(directory)
                                    .serverName("mx.test")
                                    .build());
        }
        return tls;
    }

    SmtpTestClient connect() throws IOException {
        return new SmtpTestClient(address);
    }

    /** A client of the implicit TLS listener, the handshake done, the greeting not yet read. */
    SmtpTestClient connectImplicitTls() throws Exception {
        SmtpTestClient client = new SmtpTestClient(implicitTlsAddress);
        client.startTlsHandshake();
        return client;
    }

    /** A client past the greeting and EHLO. */
    SmtpTestClient greeted() throws IOException {
        SmtpTestClient client = connect();
        assertThat(client.reply()).isEqualTo("220 mx.test ESMTP FilterMX");
        assertThat(client.command("EHLO client.test")).startsWith("250-mx.test");
        return client;
    }

    List<Path> tempFiles() throws IOException {
        if (!Files.isDirectory(tempDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tempDirectory)) {
            return files.toList();
        }
    }

    /** Waits up to two seconds for a condition that the server reaches asynchronously. */
    static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    @Override
    public void close() {
        server.close();
        if (implicitTlsServer != null) {
            implicitTlsServer.close();
        }
        ownExecutor.shutdownNow();
    }
}
