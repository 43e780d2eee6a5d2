package org.filtermx.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.filtermx.it.server.SuiteServer;

/**
 * The gateway under test, as Arquillian started it in the environment {@code scripts/it-env.sh}
 * prepared: its ports, its admin login, its database, and the means to crash and restart it.
 */
final class Gateway {

    static final String HOST = "127.0.0.1";
    static final int SMTP_PORT = Integer.getInteger("filtermx.it.smtp", 12525);
    static final int HTTP_PORT = Integer.getInteger("filtermx.it.http", 18080);

    /**
     * The submission port with STARTTLS (587 in production), as it-env.sh / it-alt-ports.sh set.
     */
    static final int SUBMISSION_PORT =
            Integer.getInteger(
                    "filtermx.it.submission",
                    fromEnvironment("FILTERMX_IT_SUBMISSION_PORT", 15870));

    /** The submission port with implicit TLS (465 in production). */
    static final int SUBMISSIONS_PORT =
            Integer.getInteger(
                    "filtermx.it.submissions",
                    fromEnvironment("FILTERMX_IT_SUBMISSIONS_PORT", 14650));

    /** The IMAP quarantine port with STARTTLS (143 in production). */
    static final int IMAP_PORT =
            Integer.getInteger("filtermx.it.imap", fromEnvironment("FILTERMX_IT_IMAP_PORT", 11143));

    /** The IMAP quarantine port with implicit TLS (993 in production). */
    static final int IMAPS_PORT =
            Integer.getInteger(
                    "filtermx.it.imaps", fromEnvironment("FILTERMX_IT_IMAPS_PORT", 19930));

    /**
     * The port MX delivery connects to (FILTERMX_MX_PORT; 25 in production), where a test runs the
     * recipients' MX.
     */
    static final int MX_PORT =
            Integer.getInteger("filtermx.it.mx", fromEnvironment("FILTERMX_IT_MX_PORT", 14525));

    static final String ADMIN_PASSWORD =
            System.getProperty("filtermx.it.admin", "it-admin-Secret-1");
    static final int MESSAGE_SIZE_LIMIT = 1_048_576;
    static final Path ROOT =
            Path.of(System.getProperty("filtermx.root", "..")).toAbsolutePath().normalize();

    private Gateway() {}

    private static int fromEnvironment(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    static Api admin() {
        return new Api("admin", ADMIN_PASSWORD);
    }

    /** A fresh domain name, so that tests never see each other's mail or settings. */
    static String uniqueDomain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** The private MariaDB's directory and port, as {@code scripts/it-env.sh} set them up. */
    static final Path DATABASE_DIR =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    ROOT.resolve("src-test/target/it").toString()))
                    .resolve("mariadb");

    static final String DATABASE_PORT =
            System.getenv().getOrDefault("FILTERMX_IT_DB_PORT", "13306");

    /** Stops the gateway's MariaDB server (a clean shutdown), leaving the gateway running. */
    static void stopDatabase() throws IOException, InterruptedException {
        database("stop");
    }

    /** Starts the gateway's MariaDB server again; does nothing when it runs. */
    static void startDatabase() throws IOException, InterruptedException {
        database("start");
    }

    /**
     * Waits until {@code GET /health} answers 200, for tests that disturbed the gateway and must
     * leave it working for the next ones.
     */
    static boolean awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Api.anonymous().get("/health").status() == 200) {
                    return true;
                }
            } catch (IllegalStateException notListening) {
                // the HTTP listener is not up yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** The reply to {@code RCPT TO:<address>} in a fresh session. */
    static String rcpt(String address) throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            String mail = smtp.command("MAIL FROM:<probe@sender.example>");
            if (!mail.startsWith("250")) {
                throw new AssertionError("MAIL FROM refused: " + mail);
            }
            return smtp.command("RCPT TO:<" + address + ">");
        }
    }

    /** Polls RCPT until its reply starts with {@code code} or 10 s pass; returns the last reply. */
    static String awaitRcpt(String address, String code) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String reply = rcpt(address);
        while (!reply.startsWith(code) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            reply = rcpt(address);
        }
        return reply;
    }

    /**
     * Waits until the gateway's mail path works with every configuration change made before this
     * call (domains, recipients, policies, lists), instead of sleeping for the caches' freshness:
     * adds a canary domain after those changes and polls RCPT until the canary is accepted, which
     * takes a reload at the canary's revision or later, then removes the canary.
     */
    static void awaitConfigurationReloaded() throws Exception {
        Api admin = admin();
        String canary = uniqueDomain("canary");
        admin.addDomain(canary, 2626);
        try {
            String reply = awaitRcpt("postmaster@" + canary, "250");
            if (!reply.startsWith("250")) {
                throw new AssertionError("configuration not reloaded within 10 s: " + reply);
            }
        } finally {
            admin.delete("/domains/" + canary);
        }
    }

    /**
     * Runs one SQL statement on the gateway's database with the {@code mariadb} client, for tests
     * that must move time forward (such as a retention's end) without waiting days.
     */
    static void sql(String statement) throws IOException, InterruptedException {
        run(
                List.of(
                        "mariadb",
                        "--protocol=tcp",
                        "-h",
                        HOST,
                        "-P",
                        DATABASE_PORT,
                        "-u",
                        "filtermx",
                        "-pfiltermx",
                        "filtermx",
                        "-e",
                        statement));
    }

    /**
     * Runs one SQL query on the gateway's database and returns its rows, tab-separated, one a line.
     */
    static String query(String statement) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "mariadb",
                                "--protocol=tcp",
                                "-h",
                                HOST,
                                "-P",
                                DATABASE_PORT,
                                "-u",
                                "filtermx",
                                "-pfiltermx",
                                "filtermx",
                                "-N",
                                "-B",
                                "-e",
                                statement)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String rows =
                new String(
                                p.getInputStream().readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("query failed: " + statement);
        }
        return rows;
    }

    /**
     * Kills the server with SIGKILL, like a power cut ({@link org.filtermx.it.server.PowerCut}).
     */
    static void crash() {
        SuiteServer.kill();
    }

    /**
     * Starts the server again, with the settings of {@code arquillian.xml}, and waits until it
     * runs.
     */
    static void restart() {
        SuiteServer.start(Map.of("jbossArguments", SERVER_ARGUMENTS));
    }

    /**
     * Stops the server and starts it again with some settings changed, e.g. {@code
     * FILTERMX_MIN_FREE_SPACE}, as system properties (which the server reads before its
     * environment); an empty map restores the settings of {@code arquillian.xml}.
     */
    static void restartWith(Map<String, String> settings) {
        if (SuiteServer.started()) {
            SuiteServer.stop();
        }
        StringBuilder arguments = new StringBuilder(SERVER_ARGUMENTS);
        settings.forEach(
                (name, value) -> arguments.append(" -D").append(name).append('=').append(value));
        SuiteServer.start(Map.of("jbossArguments", arguments.toString()));
    }

    /**
     * The server arguments of {@code arquillian.xml}: its settings file, written by {@code
     * it-env.sh up}, and the stability level of the Prometheus registry.
     */
    private static final String SERVER_ARGUMENTS =
            "--stability=community --properties=file:"
                    + Path.of(
                                    System.getProperty(
                                            "filtermx.it.dir",
                                            ROOT.resolve("src-test/target/it").toString()))
                            .resolve("server.properties");

    private static void database(String action) throws IOException, InterruptedException {
        run(
                List.of(
                        ROOT.resolve("scripts/mariadb-private.sh").toString(),
                        action,
                        DATABASE_DIR.toString(),
                        DATABASE_PORT));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
