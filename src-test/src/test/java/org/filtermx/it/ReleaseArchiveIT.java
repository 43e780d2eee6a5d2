package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The release archive that {@code mvn package} builds ({@code dist}), installed as an operator
 * would: unpacked into an empty directory, started the way its systemd unit starts it, on the
 * suite's MariaDB, with no Maven to be found; it takes a message from swaks and delivers it to
 * smtp-sink, and stops cleanly on SIGTERM, as {@code systemctl stop} sends it.
 *
 * <p>The test machine is a container without systemd as process 1, so the test plays systemd: it
 * reads {@code ExecStart=} and {@code Environment=} from {@code systemd/filtermx.service}, runs
 * that command in a fresh session with only that environment (plus the settings an {@code
 * EnvironmentFile=} would hold) and stops it with SIGTERM to its whole process group. Where {@code
 * systemd-analyze} is installed, the unit is verified with it. Not covered: the hardening options
 * themselves, which only systemd applies; the test checks the part of {@code ProtectSystem=strict}
 * it can, that the server writes nothing below its install directory.
 *
 * <p>Not a {@link GatewayTest}: the release runs beside the suite's server, on ports 50 above the
 * suite's (so still apart from every other slot's), on loopback address 127.0.0.2 and on its own
 * database.
 */
class ReleaseArchiveIT {

    private static final Path ARCHIVE =
            Path.of(
                    System.getProperty(
                            "filtermx.release.archive",
                            Gateway.ROOT
                                    .resolve("dist/target/filtermx-0.1.0-SNAPSHOT-server.tar.gz")
                                    .toString()));
    private static final Path WORK =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    Gateway.ROOT.resolve("src-test/target/it").toString()))
                    .resolve("release");
    private static final String DATABASE = "filtermx_release";
    private static final String ADMIN_PASSWORD = "release-Admin-Secret-1";

    /**
     * The address the release listens on (FILTERMX_BIND): a loopback address other than 127.0.0.1,
     * so that the launcher's readiness and status checks pass only if they ask the bind address.
     */
    private static final String HOST = "127.0.0.2";

    private static final int OFFSET = 50;
    private static final int SMTP_PORT = Gateway.SMTP_PORT + OFFSET;
    private static final int HTTP_PORT = Gateway.HTTP_PORT + OFFSET;
    private static final Duration START_UP = Duration.ofSeconds(240);

    /** The unit's {@code TimeoutStopSec=}. */
    private static final Duration STOP = Duration.ofSeconds(120);

    @Test
    void unpackedArchiveStartedAsItsUnitSaysDeliversMailWithoutMaven() throws Exception {
        assertThat(ARCHIVE).as("the archive from mvn package").isRegularFile();
        LaunchedServers.deleteTree(WORK);
        Path install = unpack();
        Path data = Files.createDirectories(WORK.resolve("data"));
        Path unit = install.resolve("systemd/filtermx.service");
        Map<String, String> service = UnitFile.serviceSection(Files.readString(unit));
        systemdNote();
        verifyUnit(unit, install, data);

        // The unit's command and environment, with its install and data paths moved here.
        List<String> execStart = UnitFile.words(moved(service.get("ExecStart"), install, data));
        assertThat(execStart).as("ExecStart").first().asString().endsWith("/bin/filtermx");
        Map<String, String> environment = new LinkedHashMap<>();
        for (String assignment : UnitFile.words(moved(service.get("Environment"), install, data))) {
            int eq = assignment.indexOf('=');
            environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        assertThat(environment).containsEntry("FILTERMX_DATA", data.toString());

        Path noMaven = LaunchedServers.trapForMaven(WORK);
        environment.putAll(settings(noMaven));
        LaunchedServers.createDatabase(DATABASE);
        Path journal = WORK.resolve("journal.log");
        FileTime installed = FileTime.fromMillis(System.currentTimeMillis());
        Thread.sleep(1100); // file times have a granularity of a second on some file systems
        List<String> asUser = serviceUser(install, data);
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(asUser);
        command.addAll(execStart);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(data.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(journal.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process server = builder.start();
        try (SmtpSink sink = SmtpSink.start()) {
            awaitHealthy(server, journal);
            assertThat(launcher(asUser, install, environment, "status"))
                    .as("bin/filtermx status")
                    .contains("running (pid " + server.pid() + "), health 200");

            String domain = Gateway.uniqueDomain("release");
            HttpResponse<String> added =
                    LaunchedServers.adminApi(
                            HOST,
                            HTTP_PORT,
                            ADMIN_PASSWORD,
                            "POST",
                            "/domains",
                            "{\"name\":\""
                                    + domain
                                    + "\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":"
                                    + sink.port()
                                    + "}]}");
            assertThat(added.statusCode()).as("adding %s: %s", domain, added.body()).isEqualTo(201);
            LaunchedServers.awaitRcptAccepted(HOST, SMTP_PORT, "postmaster@" + domain);

            swaks(
                            "--from",
                            "alice@sender.example",
                            "--to",
                            "bob@" + domain,
                            "--header",
                            "Subject: from the release archive")
                    .assertAccepted();
            List<String> delivered = sink.awaitMessages(1, Duration.ofSeconds(60));
            assertThat(delivered).as("messages at the destination").hasSize(1);
            assertThat(delivered.get(0))
                    .contains("X-Rcpt-Args: <bob@" + domain + ">")
                    .contains("(FilterMX) with ESMTP id ")
                    .contains("Subject: from the release archive");
        } finally {
            stopAsSystemdDoes(server);
        }
        assertThat(server.exitValue())
                .as("exit status; the unit's SuccessExitStatus= allows 143")
                .isIn(0, 143);
        assertThat(Files.exists(noMaven.resolve("called")))
                .as("the launcher called mvn (see %s)", noMaven.resolve("called"))
                .isFalse();
        assertThat(changedSince(install, installed))
                .as("files the server wrote below its install directory")
                .isEmpty();
        assertThat(launcher(asUser, install, environment, "status")).contains("not running");
        LaunchedServers.dropDatabase(DATABASE);
    }

    private static Path unpack() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        LaunchedServers.output(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", WORK.toString()));
        List<Path> top;
        try (Stream<Path> entries = Files.list(WORK)) {
            top = entries.filter(p -> p.getFileName().toString().startsWith("filtermx-")).toList();
        }
        assertThat(top).as("one top directory filtermx-VERSION").hasSize(1);
        Path install = top.get(0);
        assertThat(install.resolve("bin/filtermx")).isExecutable();
        assertThat(install.resolve("server/bin/standalone.sh")).isExecutable();
        assertThat(install.resolve("server/standalone/deployments/filtermx.ear")).isRegularFile();
        assertThat(install.resolve("server/standalone/configuration/standalone.xml"))
                .content()
                .contains("FilterMXDS");
        assertThat(install.resolve("RELEASE"))
                .content()
                .isEqualTo(install.getFileName().toString().substring("filtermx-".length()) + "\n");
        return install;
    }

    /** The unit's paths (/opt/filtermx, /var/lib/filtermx) replaced by the test's. */
    private static String moved(String value, Path install, Path data) {
        assertThat(value).as("unit setting").isNotNull();
        return value.replace("/opt/filtermx", install.toString())
                .replace("/var/lib/filtermx", data.toString());
    }

    private static void systemdNote() throws IOException {
        Path comm = Path.of("/proc/1/comm");
        String init = Files.isReadable(comm) ? Files.readString(comm).strip() : "unknown";
        System.out.println(
                "ReleaseArchiveIT: process 1 is "
                        + init
                        + "; the test runs the unit's ExecStart itself, without systemd");
    }

    /**
     * {@code systemd-analyze verify} on a copy of the unit whose paths point into the unpacked
     * archive (it checks that ExecStart names an executable); skipped where it is not installed.
     */
    private static void verifyUnit(Path unit, Path install, Path data)
            throws IOException, InterruptedException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            System.out.println(
                    "ReleaseArchiveIT: systemd-analyze not installed, unit not verified");
            return;
        }
        Path copy = WORK.resolve("filtermx.service");
        Files.writeString(copy, moved(Files.readString(unit), install, data));
        Process p =
                new ProcessBuilder(analyze.toString(), "verify", copy.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("systemd-analyze verify: %s", out).isZero();
        assertThat(out).as("systemd-analyze verify").doesNotContain(copy.getFileName().toString());
    }

    /**
     * The prefix that runs a command as an unprivileged user, as the unit's {@code User=} does:
     * when the test runs as root, {@code nobody} (the unit's own user need not exist here), which
     * then owns the data directory and may only read the install directory. Without root, or where
     * {@code nobody} cannot reach the directories (a checkout below a private home), the commands
     * run as the caller.
     */
    private static List<String> serviceUser(Path install, Path data)
            throws IOException, InterruptedException {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        if (!root || !reachableByOthers(install) || !reachableByOthers(data.getParent())) {
            System.out.println("ReleaseArchiveIT: the release runs as the test's own user");
            return List.of();
        }
        LaunchedServers.output(List.of("chown", "-R", "nobody:", data.toString()));
        System.out.println("ReleaseArchiveIT: the release runs as the user nobody");
        return List.of(
                "setpriv",
                "--reuid=" + LaunchedServers.output(List.of("id", "-u", "nobody")),
                "--regid=" + LaunchedServers.output(List.of("id", "-g", "nobody")),
                "--clear-groups",
                "--");
    }

    /** Whether every directory on the way to {@code dir} may be passed through by anyone. */
    private static boolean reachableByOthers(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the operator's {@code EnvironmentFile=} would hold, plus PATH and HOME, which systemd
     * sets itself: the ports of this test, the suite's MariaDB with a database of its own, and no
     * DNS or engines outside the machine.
     */
    private static Map<String, String> settings(Path noMaven) {
        Map<String, String> env = new LinkedHashMap<>();
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        env.put("PATH", noMaven + ":" + javaBin + ":/usr/bin:/bin");
        env.put("HOME", WORK.resolve("data").toString());
        env.put("LANG", "C.UTF-8");
        env.put("FILTERMX_BIND", HOST);
        env.put("FILTERMX_SMTP_PORT", Integer.toString(SMTP_PORT));
        env.put("FILTERMX_HTTP_PORT", Integer.toString(HTTP_PORT));
        env.put(
                "FILTERMX_MANAGEMENT_PORT",
                Integer.toString(Integer.getInteger("filtermx.it.management", 19990) + OFFSET));
        env.put("FILTERMX_SUBMISSION_PORT", Integer.toString(Gateway.SUBMISSION_PORT + OFFSET));
        env.put("FILTERMX_SUBMISSIONS_PORT", Integer.toString(Gateway.SUBMISSIONS_PORT + OFFSET));
        env.put("FILTERMX_IMAP_PORT", Integer.toString(Gateway.IMAP_PORT + OFFSET));
        env.put("FILTERMX_IMAPS_PORT", Integer.toString(Gateway.IMAPS_PORT + OFFSET));
        env.put("FILTERMX_MX_PORT", Integer.toString(Gateway.MX_PORT + OFFSET));
        env.put("FILTERMX_HOSTNAME", "release.filtermx.test");
        env.put("FILTERMX_NODE_NAME", "release-node");
        // The release's warm-up (ADR 0048) runs, shortened: the launcher's readiness waits for it.
        env.put("FILTERMX_WARMUP_SECONDS", "5");
        env.put(
                "FILTERMX_DB_URL",
                "jdbc:mariadb://127.0.0.1:" + Gateway.DATABASE_PORT + "/" + DATABASE);
        env.put("FILTERMX_DB_USER", "filtermx");
        env.put("FILTERMX_DB_PASSWORD", "filtermx");
        env.put("FILTERMX_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("FILTERMX_ENGINES", "off");
        // Every DNS lookup fails at once on a loopback port where nothing answers.
        String dns = System.getenv().getOrDefault("FILTERMX_IT_DNS", "127.0.0.1:15353");
        int dnsPort = Integer.parseInt(dns.substring(dns.lastIndexOf(':') + 1));
        env.put("FILTERMX_DNS", "127.0.0.1:" + (dnsPort + OFFSET));
        env.put("FILTERMX_JAVA_OPTS", "-Xms128m -Xmx512m");
        return env;
    }

    private static void awaitHealthy(Process server, Path journal) throws Exception {
        long deadline = System.nanoTime() + START_UP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError(
                        "the release exited during start-up ("
                                + server.exitValue()
                                + "):\n"
                                + tail(journal));
            }
            try {
                if (LaunchedServers.adminApi(
                                        HOST, HTTP_PORT, ADMIN_PASSWORD, "GET", "/health", null)
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notListening) {
                // the HTTP listener is not up yet
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "the release not healthy within " + START_UP + ":\n" + tail(journal));
    }

    /** swaks, a real SMTP client, against the release's SMTP port; its transcript. */
    private static Swaks.Result swaks(String... arguments) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "swaks",
                                "--server",
                                HOST + ":" + SMTP_PORT,
                                "--helo",
                                "client.example",
                                "--timeout",
                                "60"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String transcript = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("swaks finished").isTrue();
        return new Swaks.Result(p.exitValue(), transcript);
    }

    /** {@code bin/filtermx ARG} with the service's environment; its output. */
    private static String launcher(
            List<String> asUser, Path install, Map<String, String> environment, String arg)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(asUser);
        command.add(install.resolve("bin/filtermx").toString());
        command.add(arg);
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().clear();
        b.environment().putAll(environment);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /**
     * As {@code systemctl stop} with {@code KillMode=control-group}: SIGTERM to every process of
     * the service (setsid made it a process group), SIGKILL after {@code TimeoutStopSec=}.
     */
    private static void stopAsSystemdDoes(Process server) throws Exception {
        if (!server.isAlive()) {
            return;
        }
        String group = "-" + server.pid();
        LaunchedServers.output(List.of("kill", "-TERM", "--", group));
        if (!server.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            new ProcessBuilder("kill", "-KILL", "--", group).start().waitFor();
            server.waitFor();
            throw new AssertionError("the release did not stop within " + STOP + " of SIGTERM");
        }
        // The group's other processes (java) end with the shell that waited for them.
        long deadline = System.nanoTime() + STOP.toNanos();
        while (groupAlive(server.pid()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(groupAlive(server.pid())).as("processes left in the service's group").isFalse();
    }

    private static boolean groupAlive(long pgid) throws IOException, InterruptedException {
        return new ProcessBuilder("kill", "-0", "--", "-" + pgid)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor()
                == 0;
    }

    private static List<Path> changedSince(Path dir, FileTime since) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> modified(p).compareTo(since) > 0).toList();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
