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
 * Postfix's {@code smtp-sink} as a destination mail server: each accepted message is dumped to its
 * own file (with X-Rcpt-Args and friends prepended), which the tests read back.
 *
 * <p>smtp-sink insists on dropping root privileges ({@code -u}); run as root, it writes as {@code
 * nobody}, who cannot reach a checkout below a private directory (such as {@code /root}). So as
 * root the dump directory is a fresh world-writable one in the system's temp directory (removed on
 * close); as anyone else smtp-sink keeps the caller's identity and writes below {@code target}.
 */
final class SmtpSink implements AutoCloseable {

    private static final boolean ROOT = new com.sun.security.auth.module.UnixSystem().getUid() == 0;

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

    /**
     * Starts a sink on {@code port}. A port that a sink just closed may still be unavailable for a
     * moment, so a sink that exits at once is started again.
     */
    static SmtpSink startOn(int port, String... extraOptions)
            throws IOException, InterruptedException {
        return startOn("127.0.0.1", port, extraOptions);
    }

    /**
     * Starts a sink on a free port of IPv6 loopback {@code ::1} only, as an IPv6-only destination.
     */
    static SmtpSink startOnIpv6Loopback(String... extraOptions)
            throws IOException, InterruptedException {
        return startOn("::1", freePort(), extraOptions);
    }

    /** Starts a sink on {@code port} of IPv6 loopback {@code ::1} only. */
    static SmtpSink startOnIpv6Loopback(int port, String... extraOptions)
            throws IOException, InterruptedException {
        return startOn("::1", port, extraOptions);
    }

    private static SmtpSink startOn(String host, int port, String... extraOptions)
            throws IOException, InterruptedException {
        Path dir = dumpDirectory();
        List<String> cmd = new ArrayList<>(List.of(executable()));
        if (ROOT) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        cmd.addAll(List.of("-d", dir + "/"));
        cmd.addAll(List.of(extraOptions));
        // Postfix's host:port syntax puts an IPv6 address in brackets.
        cmd.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
        cmd.add("100");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Process p = launch(cmd, dir);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                Thread.sleep(250);
                p = launch(cmd, dir);
                continue;
            }
            try (Socket s = new Socket(host, port)) {
                return new SmtpSink(port, dir, p);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException(
                "smtp-sink did not start on port " + port + "; see " + log(dir));
    }

    private static Path itDirectory() {
        return Path.of(System.getProperty("filtermx.it.dir", "target"));
    }

    /** Where the sink dumps messages: see the class comment. */
    private static Path dumpDirectory() throws IOException {
        if (!ROOT) {
            Files.createDirectories(itDirectory());
            return Files.createTempDirectory(itDirectory(), "sink-");
        }
        for (String candidate :
                List.of(System.getProperty("java.io.tmpdir"), "/tmp", "/var/tmp", "/dev/shm")) {
            Path parent = Path.of(candidate).toAbsolutePath();
            if (Files.isDirectory(parent) && reachableByOthers(parent)) {
                Path dir = Files.createTempDirectory(parent, "filtermx-sink-");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                return dir;
            }
        }
        throw new IllegalStateException("no temp directory that smtp-sink's user nobody can reach");
    }

    /** Whether every directory on the way to {@code dir} may be passed through by anyone. */
    private static boolean reachableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** smtp-sink from the PATH, or from where Debian puts it (not on a normal user's PATH). */
    static String executable() {
        List<String> places = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                places.add(entry);
            }
        }
        places.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        for (String place : places) {
            Path candidate = Path.of(place, "smtp-sink");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(
                "smtp-sink not found (Debian package postfix; scripts/install-test-deps.sh)");
    }

    private static Path log(Path dir) {
        return itDirectory().resolve(dir.getFileName() + ".log");
    }

    private static Process launch(List<String> cmd, Path dir) throws IOException {
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(dir).toFile()))
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /**
     * The messages dumped so far, oldest first. smtp-sink creates a dump file at MAIL and writes it
     * while the transaction goes on, so only files that are non-empty and have not changed for a
     * moment count as received messages.
     */
    List<String> messages() {
        long settled = System.currentTimeMillis() - 300;
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> size(f) > 0 && modified(f) < settled)
                    .sorted(Comparator.comparing(SmtpSink::modified))
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

    /**
     * Waits {@code quiet} and returns every message received by then: for asserting that nothing
     * (more) arrives.
     */
    List<String> messagesAfter(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        return messages();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
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
        if (ROOT) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // Leaves a few files in the temp directory; nothing depends on them.
            }
        }
    }
}
