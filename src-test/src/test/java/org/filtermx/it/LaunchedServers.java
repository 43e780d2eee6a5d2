package org.filtermx.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that start FilterMX servers of their own through the launcher share ({@link
 * ReleaseArchiveIT}, {@link ClusterFailoverIT}): a database of their own in the suite's MariaDB, a
 * trap for Maven on the PATH, the administrator's API and a wait for a domain to take mail.
 */
final class LaunchedServers {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private LaunchedServers() {}

    /**
     * A PATH directory, searched first, whose {@code mvn} only records that it was called and
     * fails: with it no Maven can be reached through the PATH, and a call would show. Writable for
     * any user, so that a server running as another user leaves its record too.
     */
    static Path trapForMaven(Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("no-maven"));
        Path mvn = dir.resolve("mvn");
        Files.writeString(
                mvn, "#!/bin/sh\necho \"$@\" >> '" + dir.resolve("called") + "'\nexit 1\n");
        mvn.toFile().setExecutable(true, false);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** An empty database {@code name} in the suite's MariaDB, for its {@code filtermx} user. */
    static void createDatabase(String name) throws IOException, InterruptedException {
        rootSql(
                "DROP DATABASE IF EXISTS "
                        + name
                        + "; CREATE DATABASE "
                        + name
                        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; GRANT ALL PRIVILEGES ON "
                        + name
                        + ".* TO 'filtermx'@'127.0.0.1';");
    }

    static void dropDatabase(String name) throws IOException, InterruptedException {
        rootSql("DROP DATABASE IF EXISTS " + name + ";");
    }

    /**
     * SQL as MariaDB's root over the private server's socket, as scripts/mariadb-private.sh does;
     * the output, without headers.
     */
    static String rootSql(String sql) throws IOException, InterruptedException {
        return output(
                List.of(
                        "mariadb",
                        "--no-defaults",
                        "--protocol=socket",
                        "--socket=" + Gateway.DATABASE_DIR.resolve("mysqld.sock"),
                        "-uroot",
                        "-N",
                        "-B",
                        "-e",
                        sql));
    }

    /** Runs a command to its end; its output, stripped; fails unless it exits 0. */
    static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out.strip();
    }

    static void deleteTree(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            output(List.of("rm", "-rf", dir.toString()));
        }
    }

    /**
     * Polls RCPT on {@code host:port} until the domain just added is accepted there (the node has
     * reloaded its configuration).
     */
    static void awaitRcptAccepted(String host, int port, String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String reply = "";
        while (System.nanoTime() < deadline) {
            try (SmtpConversation smtp = new SmtpConversation(host, port)) {
                smtp.hello();
                smtp.command("MAIL FROM:<probe@sender.example>");
                reply = smtp.command("RCPT TO:<" + address + ">");
            }
            if (reply.startsWith("250")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                host + ":" + port + ": RCPT TO:<" + address + "> not accepted: " + reply);
    }

    /** The API at {@code host:port} as {@code admin}; {@code json} null for no body. */
    static HttpResponse<String> adminApi(
            String host, int port, String password, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/v1" + path))
                        .timeout(Duration.ofSeconds(30))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + password)
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
