package org.filtermx.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} as a destination mail server: each accepted message is dumped to
 * its own file (with X-Rcpt-Args and friends prepended), which the tests read back.
 */
final class SmtpSink implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final Process process;

    private SmtpSink(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** Starts a sink on a free loopback port; {@code extraOptions} are smtp-sink flags. */
    static SmtpSink start(String... extraOptions) throws IOException, InterruptedException {
        return startOn(freePort(), extraOptions);
    }

    static SmtpSink startOn(int port, String... extraOptions) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("filtermx.it.dir", "target")), "sink-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> cmd = new ArrayList<>(List.of("smtp-sink", "-u", "nobody", "-d", dir + "/"));
        cmd.addAll(List.of(extraOptions));
        cmd.add("127.0.0.1:" + port);
        cmd.add("100");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new SmtpSink(port, dir, p);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("smtp-sink did not start on port " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** The dumped messages so far, oldest first. */
    List<String> messages() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted(Comparator.comparing(SmtpSink::modified))
                    .map(SmtpSink::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until at least {@code count} messages arrived; returns them. */
    List<String> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> got = messages();
        while (got.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            got = messages();
        }
        return got;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
