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

/** A standalone server on an ephemeral loopback port with a {@link RecordingListener}. */
final class ServerFixture implements AutoCloseable {

    private static SslContext tls;

    final RecordingListener listener = new RecordingListener();
    final Path tempDirectory;
    final InetSocketAddress address;
    private final ExecutorService ownExecutor = Executors.newCachedThreadPool();
    private final SmtpServer server;

    private ServerFixture(
            Path directory, UnaryOperator<SmtpServerSettings.Builder> tweak, Executor executor)
            throws Exception {
        tempDirectory = directory.resolve("tmp");
        SmtpServerSettings settings =
                tweak.apply(
                                SmtpServerSettings.builder()
                                        .bindAddress("127.0.0.1")
                                        .inboundPort(0)
                                        .dataDirectory(directory)
                                        .serverName("mx.test")
                                        .messageSizeLimit(10_000)
                                        .commandTimeout(Duration.ofSeconds(10))
                                        .dataTimeout(Duration.ofSeconds(10)))
                        .build();
        server =
                new SmtpServer(
                        settings,
                        Role.INBOUND,
                        EndpointInvoker.direct(listener),
                        executor == null ? ownExecutor : executor,
                        sharedTls());
        address = server.start();
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
        ownExecutor.shutdownNow();
    }
}
