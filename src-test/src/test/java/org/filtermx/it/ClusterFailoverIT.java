package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two FilterMX nodes on this machine, one cluster (JGroups over loopback TCP, TCPPING with both
 * members listed) and one MariaDB database: mail goes in through both, then one node is killed with
 * {@code kill -9} while its deliveries hang at a destination that has not answered yet. The
 * survivor learns from the cluster view that the node is gone and takes its delivery leases at once
 * (ADR 0052), long before they would expire (15 minutes); every message answered 250 reaches the
 * destination exactly once. The survivor also frees the report timer the killed node held and
 * finishes its run, and the killed node's console users are sent to log in again (ADR 0056); a
 * domain added through one node takes mail on the other within the caches' 2 s.
 *
 * <p>Not a {@link GatewayTest}: the nodes are started by the launcher ({@code ./filtermx start})
 * from the provisioned server, beside the suite's server, on ports 60 and 70 above the suite's
 * (within this slot's range), on a database of their own.
 */
class ClusterFailoverIT {

    private static final Path WORK =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    Gateway.ROOT.resolve("src-test/target/it").toString()))
                    .resolve("cluster");
    private static final String DATABASE = "filtermx_cluster";
    private static final String ADMIN_PASSWORD = "cluster-Admin-Secret-1";
    private static final Path SECRETS_KEY = WORK.resolve("secrets.key");
    private static final int PER_NODE = 8;

    /** The takeover must come well before the 15-minute lease expires. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(60);

    /** This slot's shift of every port (the suite's SMTP port is 12525 plus 100 x slot). */
    private static final int SLOT_SHIFT = Gateway.SMTP_PORT - 12525;

    /*
     * Each node's ports are the suite server's plus its offset. An offset must not be the distance
     * between two of the suite's ports: 60 put node A's IMAPS port (19930 + 60) on the running
     * suite server's management port (19990). The release test uses 50.
     */
    private static final Node A = new Node("cluster-a", 80);
    private static final Node B = new Node("cluster-b", 70);

    /** One node: its name, port offset, data directory and JGroups port. */
    private record Node(String name, int offset) {
        Path data() {
            return WORK.resolve(name);
        }

        Path log() {
            return data().resolve("server/log/server.log");
        }

        int smtpPort() {
            return Gateway.SMTP_PORT + offset;
        }

        int httpPort() {
            return Gateway.HTTP_PORT + offset;
        }

        String base() {
            return "http://" + Gateway.HOST + ":" + httpPort();
        }

        int clusterPort() {
            return 7600 + SLOT_SHIFT + offset;
        }

        /** The process group of the server that {@code filtermx start} started. */
        long processGroup() throws IOException {
            return Long.parseLong(Files.readString(data().resolve("filtermx.pid")).strip());
        }
    }

    @Test
    void survivorTakesTheKilledNodesMailAtOnceAndDeliversEachMessageOnce() throws Exception {
        LaunchedServers.deleteTree(WORK);
        Files.createDirectories(WORK);
        Path noMaven = LaunchedServers.trapForMaven(WORK);
        writeSecretsKeyFile();
        LaunchedServers.createDatabase(DATABASE);
        Thread killer = new Thread(ClusterFailoverIT::killBoth);
        Runtime.getRuntime().addShutdownHook(killer);
        try (SmtpSink sink = SmtpSink.start();
                HeldDestination destination = HeldDestination.inFrontOf(sink.port())) {
            startBoth(noMaven);
            awaitView(A, B);
            awaitView(B, A);
            // The persistent timers (reports, housekeeping) are rows in WildFly's database timer
            // store, one per timer for the cluster whichever node made it, and each timeout is
            // claimed by one node with a conditional update of that row (ADR 0024).
            Map<String, Integer> timers = new TreeMap<>();
            for (String row :
                    LaunchedServers.rootSql(
                                    "SELECT TIMED_OBJECT_ID, COUNT(*) FROM "
                                            + DATABASE
                                            + ".JBOSS_EJB_TIMER GROUP BY TIMED_OBJECT_ID")
                            .split("\n")) {
                String[] columns = row.split("\t");
                timers.put(
                        columns[0].substring(columns[0].lastIndexOf('.') + 1),
                        Integer.parseInt(columns[1]));
            }
            System.out.println("ClusterFailoverIT: persistent timers by bean: " + timers);
            assertThat(timers)
                    .as("persistent timers of two nodes started at once")
                    .containsEntry("Housekeeper", 1)
                    .containsEntry("ReportSchedule", 1);

            String domain = Gateway.uniqueDomain("cluster");
            HttpResponse<String> added =
                    LaunchedServers.adminApi(
                            Gateway.HOST,
                            A.httpPort(),
                            ADMIN_PASSWORD,
                            "POST",
                            "/domains",
                            "{\"name\":\""
                                    + domain
                                    + "\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":"
                                    + destination.port()
                                    + "}]}");
            long addedAt = System.nanoTime();
            assertThat(added.statusCode()).as("adding %s: %s", domain, added.body()).isEqualTo(201);
            // Node B's hosted-domain cache follows the configuration revision at most every 2 s
            // (RevisionSnapshot, ADR 0056): the domain added on A takes mail on B within that.
            Duration seenByB = awaitAccepted(B, "postmaster@" + domain, addedAt);
            System.out.println(
                    "ClusterFailoverIT: a domain added through "
                            + A.name()
                            + "'s API took mail on "
                            + B.name()
                            + " "
                            + seenByB.toMillis()
                            + " ms after the API answered");
            assertThat(seenByB)
                    .as("staleness of %s's domain cache", B.name())
                    .isLessThan(STALE_BOUND);
            LaunchedServers.awaitRcptAccepted(Gateway.HOST, A.smtpPort(), "postmaster@" + domain);

            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < PER_NODE; i++) {
                subjects.add(send(A, domain, i));
                subjects.add(send(B, domain, i));
            }
            assertThat(leasedTo(A)).as("messages leased to %s", A.name()).isEqualTo(PER_NODE);

            long checksBefore = System.nanoTime();
            // A console user on A, with a page open whose form it will send after A is gone.
            ConsoleHttpSession console = new ConsoleHttpSession();
            HttpResponse<String> login = console.login(A.base(), "admin", ADMIN_PASSWORD);
            assertThat(login.statusCode())
                    .as("login on %s: %s", A.name(), login.body())
                    .isEqualTo(302);
            String sessionOnA = console.cookie("JSESSIONID");
            HttpResponse<String> domainsOnA = console.get(A.base(), "/console/domains.xhtml");
            assertThat(domainsOnA.statusCode()).isEqualTo(200);
            assertThat(domainsOnA.body()).contains(domain);
            // And one who opened the login page on A and sends it after A is gone.
            ConsoleHttpSession latecomer = new ConsoleHttpSession();
            String loginPageOnA = latecomer.get(A.base(), "/login.xhtml").body();
            String formDomain = Gateway.uniqueDomain("cluster-form");
            Map<String, String> addDomainForm =
                    ConsoleHttpSession.addDomainForm(
                            formDomain,
                            ConsoleHttpSession.find(
                                    ConsoleHttpSession.VIEW_STATE, domainsOnA.body()),
                            ConsoleHttpSession.find(ConsoleHttpSession.NONCE, domainsOnA.body()));

            // A dies during the daily report run: its timer row says so, as WildFly writes it
            // while a node runs a timeout. Only A's own next start would free it (ADR 0056).
            LaunchedServers.rootSql(
                    "UPDATE "
                            + DATABASE
                            + ".JBOSS_EJB_TIMER SET TIMER_STATE = 'IN_TIMEOUT', NODE_NAME = '"
                            + A.name()
                            + "' WHERE TIMED_OBJECT_ID LIKE '%.ReportSchedule'");

            long checks = System.nanoTime() - checksBefore;
            long killedAt = System.nanoTime();
            kill(A);
            long takenAt = 0;
            while (System.nanoTime() - killedAt < TAKEOVER_BOUND.toNanos()) {
                if (leasedTo(A) == 0) {
                    takenAt = System.nanoTime();
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(takenAt)
                    .as("%s's leases still held %s after kill -9", A.name(), TAKEOVER_BOUND)
                    .isPositive();
            Duration takeover = Duration.ofNanos(takenAt - killedAt);
            System.out.println(
                    "ClusterFailoverIT: "
                            + A.name()
                            + "'s "
                            + PER_NODE
                            + " leased messages released "
                            + takeover.toMillis()
                            + " ms after kill -9 (the lease would have run 15 min)");
            assertThat(Files.readString(B.log()))
                    .contains("delivery lease(s) of node " + A.name() + ", which left the cluster");

            long checksAfter = System.nanoTime();
            // The report timer A held is free again, and B finished A's run.
            awaitLog(B, "that the nodes [" + A.name() + "] were running");
            assertThat(
                            LaunchedServers.rootSql(
                                    "SELECT TIMER_STATE, COALESCE(NODE_NAME, '-') FROM "
                                            + DATABASE
                                            + ".JBOSS_EJB_TIMER WHERE TIMED_OBJECT_ID LIKE"
                                            + " '%.ReportSchedule'"))
                    .as("the report timer's row after the takeover")
                    .isEqualTo("ACTIVE\t-");
            awaitLog(B, "report(s) sent after nodes [" + A.name() + "] left");

            // The console session lived on A only: on B it is unknown, and the user is sent to
            // log in again, for a page and for the form left open alike; nothing is changed.
            HttpResponse<String> page = console.get(B.base(), "/console/index.xhtml");
            assertRedirectToLogin(page, "a console page on " + B.name() + " with A's session");
            HttpResponse<String> stale =
                    console.post(B.base(), "/console/domains.xhtml", addDomainForm);
            assertRedirectToLogin(stale, "the form from A's page posted to " + B.name());
            HttpResponse<String> loginPage = console.get(B.base(), "/login.xhtml");
            assertThat(loginPage.statusCode()).isEqualTo(200);
            assertThat(loginPage.body()).contains("login:username").doesNotContain("Exception");
            HttpResponse<String> again = console.login(B.base(), "admin", ADMIN_PASSWORD);
            assertThat(again.statusCode())
                    .as("login on %s: %s", B.name(), again.body())
                    .isEqualTo(302);
            assertThat(console.cookie("JSESSIONID")).isNotEqualTo(sessionOnA);
            String landing =
                    URI.create(again.headers().firstValue("Location").orElseThrow()).getPath();
            HttpResponse<String> landed = console.get(B.base(), landing);
            System.out.println(
                    "ClusterFailoverIT: console after login on "
                            + B.name()
                            + ": "
                            + landing
                            + " "
                            + landed.statusCode());
            assertThat(landed.statusCode())
                    .as("%s after login: %s", landing, landed.body())
                    .isEqualTo(200);
            assertThat(landed.body()).doesNotContain("Request refused");
            HttpResponse<String> lateLogin =
                    latecomer.post(
                            B.base(),
                            "/login.xhtml",
                            ConsoleHttpSession.loginForm(loginPageOnA, "admin", ADMIN_PASSWORD));
            assertRedirectToLogin(lateLogin, "A's login form posted to " + B.name());
            URI fresh = URI.create(lateLogin.headers().firstValue("Location").orElseThrow());
            assertThat(fresh.getRawQuery()).isEqualTo("expired=1");
            HttpResponse<String> expired =
                    latecomer.get(B.base(), fresh.getRawPath() + "?" + fresh.getRawQuery());
            assertThat(expired.statusCode()).isEqualTo(200);
            assertThat(expired.body()).contains("Your session had ended. Log in again.");
            assertThat(latecomer.login(B.base(), "admin", ADMIN_PASSWORD).statusCode())
                    .isEqualTo(302);
            assertThat(latecomer.get(B.base(), "/console/index.xhtml").statusCode()).isEqualTo(200);
            HttpResponse<String> domainsOnB = console.get(B.base(), "/console/domains.xhtml");
            assertThat(domainsOnB.statusCode()).isEqualTo(200);
            assertThat(domainsOnB.body()).contains(domain);
            assertThat(
                            LaunchedServers.adminApi(
                                            Gateway.HOST,
                                            B.httpPort(),
                                            ADMIN_PASSWORD,
                                            "GET",
                                            "/domains/" + formDomain,
                                            null)
                                    .statusCode())
                    .as("the domain of the form posted after the failover")
                    .isEqualTo(404);
            checks += System.nanoTime() - checksAfter;
            System.out.println(
                    "ClusterFailoverIT: the console and timer checks took "
                            + Duration.ofNanos(checks).toMillis()
                            + " ms");

            destination.open();
            List<String> delivered = sink.awaitMessages(subjects.size(), Duration.ofSeconds(120));
            long openedAt = System.nanoTime();
            delivered = sink.messagesAfter(Duration.ofSeconds(3));
            System.out.println(
                    "ClusterFailoverIT: "
                            + delivered.size()
                            + " of "
                            + subjects.size()
                            + " messages at the destination "
                            + Duration.ofNanos(System.nanoTime() - openedAt).toMillis()
                            + " ms after it answered; "
                            + destination.heldConnections()
                            + " connections were held");
            Map<String, Integer> copies = new TreeMap<>();
            for (String message : delivered) {
                Matcher m = SUBJECT.matcher(message);
                assertThat(m.find()).as("a test subject in %s", message).isTrue();
                copies.merge(m.group(1), 1, Integer::sum);
            }
            Map<String, Integer> once = new TreeMap<>();
            subjects.forEach(s -> once.put(s, 1));
            assertThat(copies).as("copies of each message answered 250").isEqualTo(once);
            assertThat(leasedTo(B)).as("leases left once everything is delivered").isZero();
        } finally {
            killBoth();
            Runtime.getRuntime().removeShutdownHook(killer);
        }
        assertThat(Files.exists(noMaven.resolve("called")))
                .as("the launcher called mvn (see %s)", noMaven.resolve("called"))
                .isFalse();
        LaunchedServers.dropDatabase(DATABASE);
    }

    private static final Pattern SUBJECT = Pattern.compile("Subject: (cluster-\\S+)");

    /** The caches' 2 s, and the time a busy machine takes to answer. */
    private static final Duration STALE_BOUND = Duration.ofSeconds(5);

    /** Polls RCPT on {@code node} every 100 ms; the time from {@code since} to its 250. */
    private static Duration awaitAccepted(Node node, String address, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(30).toNanos();
        String reply = "";
        while (System.nanoTime() < deadline) {
            try (SmtpConversation smtp = new SmtpConversation(Gateway.HOST, node.smtpPort())) {
                smtp.hello();
                smtp.command("MAIL FROM:<probe@sender.example>");
                reply = smtp.command("RCPT TO:<" + address + ">");
            }
            if (reply.startsWith("250")) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                node.name() + ": RCPT TO:<" + address + "> not accepted: " + reply);
    }

    private static void awaitLog(Node node, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(node.log(), StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(node.name() + "'s log never said: " + text);
    }

    private static void assertRedirectToLogin(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as("%s: %s", what, r.body()).isIn(302, 303);
        assertThat(r.headers().firstValue("Location"))
                .as(what)
                .hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml"));
        assertThat(r.body()).as(what).doesNotContain("Exception");
    }

    /** One message through {@code node}'s MX port; its subject. */
    private static String send(Node node, String domain, int i) throws IOException {
        String subject = node.name() + "-" + i;
        try (SmtpConversation smtp = new SmtpConversation(Gateway.HOST, node.smtpPort())) {
            smtp.hello();
            assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob@" + domain + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            String reply =
                    smtp.command(
                            "From: alice@sender.example\r\nTo: bob@"
                                    + domain
                                    + "\r\nSubject: "
                                    + subject
                                    + "\r\nMessage-ID: <"
                                    + subject
                                    + "@sender.example>\r\n\r\nA message for the cluster.\r\n.");
            assertThat(reply).as("reply to the message %s", subject).startsWith("250");
            smtp.command("QUIT");
        }
        return subject;
    }

    private static void startBoth(Path noMaven) throws Exception {
        Process a = launcher(A, noMaven, "start");
        Process b = launcher(B, noMaven, "start");
        for (Process p : List.of(a, b)) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("filtermx start returned").isTrue();
            assertThat(p.exitValue()).as("filtermx start: %s", out).isZero();
        }
    }

    /** Waits until {@code node}'s latest cluster view lists {@code other} too. */
    private static void awaitView(Node node, Node other) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String view = "";
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(node.log(), StandardCharsets.ISO_8859_1)) {
                int at = line.indexOf("cluster view: ");
                if (at >= 0) {
                    view = line.substring(at);
                }
            }
            if (view.contains(node.name()) && view.contains(other.name())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(node.name() + " never saw " + other.name() + "; last " + view);
    }

    /** How many spool rows {@code node} holds a lease on. */
    private static int leasedTo(Node node) throws IOException, InterruptedException {
        return Integer.parseInt(
                LaunchedServers.rootSql(
                        "SELECT COUNT(*) FROM "
                                + DATABASE
                                + ".spool_message WHERE lease_owner = '"
                                + node.name()
                                + "'"));
    }

    private static void kill(Node node) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", "--", "-" + node.processGroup())
                .redirectErrorStream(true)
                .start()
                .waitFor();
    }

    /**
     * Ends both nodes, whatever state the test left them in: {@code kill -9} to every process whose
     * command line names a node's server directory (the launcher's pid file may be gone, and a
     * server that failed to deploy may outlive the shell that started it).
     */
    private static void killBoth() {
        for (Node node : List.of(A, B)) {
            String marker = "-Djboss.server.base.dir=" + node.data().resolve("server");
            ProcessHandle.allProcesses()
                    .filter(p -> commandLine(p.pid()).contains(marker))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** {@code ./filtermx ARG} of the checkout, with the node's settings. */
    private static Process launcher(Node node, Path noMaven, String arg) throws IOException {
        ProcessBuilder b =
                new ProcessBuilder(Gateway.ROOT.resolve("filtermx").toString(), arg)
                        .redirectErrorStream(true);
        b.environment().clear();
        b.environment().putAll(settings(node, noMaven));
        return b.start();
    }

    private static Map<String, String> settings(Node node, Path noMaven) {
        Map<String, String> env = new LinkedHashMap<>();
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        env.put("PATH", noMaven + ":" + javaBin + ":/usr/bin:/bin");
        env.put("HOME", node.data().toString());
        env.put("LANG", "C.UTF-8");
        env.put("FILTERMX_DATA", node.data().toString());
        env.put("FILTERMX_NODE_NAME", node.name());
        env.put("FILTERMX_BIND", Gateway.HOST);
        env.put("FILTERMX_SMTP_PORT", Integer.toString(node.smtpPort()));
        env.put("FILTERMX_HTTP_PORT", Integer.toString(node.httpPort()));
        env.put(
                "FILTERMX_MANAGEMENT_PORT",
                Integer.toString(
                        Integer.getInteger("filtermx.it.management", 19990) + node.offset()));
        env.put(
                "FILTERMX_SUBMISSION_PORT",
                Integer.toString(Gateway.SUBMISSION_PORT + node.offset()));
        env.put(
                "FILTERMX_SUBMISSIONS_PORT",
                Integer.toString(Gateway.SUBMISSIONS_PORT + node.offset()));
        env.put("FILTERMX_IMAP_PORT", Integer.toString(Gateway.IMAP_PORT + node.offset()));
        env.put("FILTERMX_IMAPS_PORT", Integer.toString(Gateway.IMAPS_PORT + node.offset()));
        env.put("FILTERMX_MX_PORT", Integer.toString(Gateway.MX_PORT + node.offset()));
        env.put("FILTERMX_HOSTNAME", node.name() + ".filtermx.test");
        env.put("FILTERMX_WARMUP_SECONDS", "0");
        env.put("FILTERMX_QUEUE_SCAN_INTERVAL", "1s");
        env.put(
                "FILTERMX_DB_URL",
                "jdbc:mariadb://127.0.0.1:" + Gateway.DATABASE_PORT + "/" + DATABASE);
        env.put("FILTERMX_DB_USER", "filtermx");
        env.put("FILTERMX_DB_PASSWORD", "filtermx");
        env.put("FILTERMX_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("FILTERMX_ENGINES", "off");
        env.put("FILTERMX_SECRETS_KEY_FILE", SECRETS_KEY.toString());
        String dns = System.getenv().getOrDefault("FILTERMX_IT_DNS", "127.0.0.1:15353");
        int dnsPort = Integer.parseInt(dns.substring(dns.lastIndexOf(':') + 1));
        env.put("FILTERMX_DNS", "127.0.0.1:" + (dnsPort + node.offset()));
        env.put("FILTERMX_JAVA_OPTS", "-Xms128m -Xmx512m");
        // The cluster: both members on loopback, each on its own JGroups port.
        env.put("FILTERMX_CLUSTER_BIND", "127.0.0.1");
        env.put("FILTERMX_CLUSTER_PORT", Integer.toString(node.clusterPort()));
        env.put(
                "FILTERMX_CLUSTER_MEMBERS",
                "127.0.0.1[" + A.clusterPort() + "],127.0.0.1[" + B.clusterPort() + "]");
        return env;
    }

    /**
     * The secrets key file every node of a cluster shares (the operator copies it from the first
     * node; here both start at once, so the test makes it): one 256-bit key with id 1.
     */
    private static void writeSecretsKeyFile() throws IOException {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Files.writeString(SECRETS_KEY, "1 " + Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(
                SECRETS_KEY, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
