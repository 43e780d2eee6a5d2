package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Outgoing users over real sockets: the API within tenancy, SMTP AUTH on 587 (STARTTLS) and 465
 * (implicit TLS) with the shared login throttle, IP-authorized users, the hourly and connection
 * limits counted in the database, and locks. The limits are counted at MAIL FROM and RCPT TO, so
 * these tests never need DATA to succeed. Limit tests use their own random 127.x.y.0/24 range
 * (every 127/8 address is loopback on Linux) and bind to it, so they touch no other test's client.
 */
@GatewayTest
@RunAsClient
class OutgoingUsersIT {

    private static final String PASSWORD = "Outgoing-Secret-42";
    private static final String LOGIN_PASSWORD = "Domain-Login-Secret-42";

    @RegisterExtension static final Resellers RESELLERS = new Resellers("Reseller-Secret-42");

    private final Api admin = Gateway.admin();
    private final List<String> domains = new ArrayList<>();

    @AfterEach
    void removeDomains() {
        for (String d : domains) {
            admin.delete("/domains/" + d);
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private String domain(String prefix) {
        String d = prefix + "-" + tag() + ".test";
        admin.addDomain(d, 2626);
        domains.add(d);
        return d;
    }

    private String userId(Api api, String json) {
        Api.Response r = api.post("/outgoing-users", json);
        assertThat(r.status()).as("adding %s: %s", json, r).isEqualTo(201);
        return Api.id(r.json().get("id"));
    }

    private String loginUser(String domain) {
        return userId(
                admin,
                "{\"domain\":\""
                        + domain
                        + "\",\"username\":\"shop\",\"password\":\""
                        + PASSWORD
                        + "\"}");
    }

    private static String ipRange() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(10, 250) + "." + r.nextInt(10, 250) + ".";
    }

    /** A submission session from {@code local} (a loopback address), after STARTTLS and EHLO. */
    private static SmtpConversation from(String local) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(Gateway.HOST, Gateway.SUBMISSION_PORT), 10_000);
        SmtpConversation smtp = new SmtpConversation(socket);
        try {
            smtp.hello();
            assertThat(smtp.command("STARTTLS")).startsWith("220");
            smtp.startTls();
            assertThat(smtp.command("EHLO client.example")).startsWith("250");
            return smtp;
        } catch (IOException | RuntimeException | AssertionError e) {
            smtp.close();
            throw e;
        }
    }

    @Test
    void apiManagesOutgoingUsersWithinTenancy() throws Exception {
        String r1 = RESELLERS.addUnique("out-r1");
        String r2 = RESELLERS.addUnique("out-r2");
        String d1 = "out-one-" + tag() + ".test";
        String d2 = "out-two-" + tag() + ".test";
        RESELLERS.as(r1).addTenantDomain(d1, 2626);
        domains.add(d1);
        RESELLERS.as(r2).addTenantDomain(d2, 2626);
        domains.add(d2);
        Api reseller1 = RESELLERS.as(r1);
        Api reseller2 = RESELLERS.as(r2);

        Api.Response created =
                reseller1.post(
                        "/outgoing-users",
                        "{\"domain\":\""
                                + d1
                                + "\",\"username\":\"Shop\",\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, Object> user = created.json();
        String id = Api.id(user.get("id"));
        assertThat(user)
                .containsEntry("username", "shop@" + d1)
                .containsEntry("kind", "USERNAME")
                .containsEntry("domain", d1)
                .containsEntry("autoLock", true)
                .containsEntry("locked", false)
                .doesNotContainKey("password")
                .doesNotContainKey("passwordHash");
        assertThat(Api.id(user.get("messagesPerHour"))).isEqualTo("200");
        assertThat(created.header("Location")).endsWith("/api/v1/outgoing-users/" + id);

        // Another reseller sees nothing of it and can touch nothing.
        assertThat(reseller2.get("/outgoing-users/" + id).status()).isEqualTo(404);
        assertThat(reseller2.get("/outgoing-users").body()).doesNotContain(d1);
        assertThat(reseller2.get("/outgoing-users?domain=" + d1).status()).isEqualTo(404);
        assertThat(reseller2.put("/outgoing-users/" + id, "{\"autoLock\":false}").status())
                .isEqualTo(404);
        assertThat(reseller2.post("/outgoing-users/" + id + "/unlock", "{}").status())
                .isEqualTo(404);
        assertThat(reseller2.delete("/outgoing-users/" + id).status()).isEqualTo(404);
        assertThat(
                        reseller2
                                .post(
                                        "/outgoing-users",
                                        "{\"domain\":\""
                                                + d1
                                                + "\",\"username\":\"x\","
                                                + "\"password\":\""
                                                + PASSWORD
                                                + "\"}")
                                .status())
                .isEqualTo(404);

        // A domain login sees its own users only, and may lower limits but not raise them.
        for (String d : List.of(d1, d2)) {
            assertThat(
                            admin.put(
                                            "/domains/" + d + "/settings",
                                            "{\"password\":\"" + LOGIN_PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
        }
        Api login1 = new Api(d1, LOGIN_PASSWORD);
        Api login2 = new Api(d2, LOGIN_PASSWORD);
        List<Map<String, Object>> own = login1.get("/outgoing-users").jsonArray();
        assertThat(own).extracting(u -> Api.id(u.get("id"))).containsExactly(id);
        assertThat(login2.get("/outgoing-users").jsonArray()).isEmpty();
        assertThat(login2.get("/outgoing-users/" + id).status()).isEqualTo(404);
        Api.Response raised = login1.put("/outgoing-users/" + id, "{\"messagesPerHour\":500}");
        assertThat(raised.status()).isEqualTo(400);
        assertThat(raised.json().toString()).contains("at most 200 messages");
        Api.Response lowered =
                login1.put(
                        "/outgoing-users/" + id,
                        "{\"messagesPerHour\":50,\"smarthostIdentity\":\"header:X-Sender\"}");
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(Api.id(lowered.json().get("messagesPerHour"))).isEqualTo("50");
        assertThat(lowered.json()).containsEntry("smarthostIdentity", "header:X-Sender");
        Api.Response unlimited = reseller1.put("/outgoing-users/" + id, "{\"messagesPerHour\":0}");
        assertThat(Api.id(unlimited.json().get("messagesPerHour"))).isEqualTo("0");
        assertThat(
                        reseller1
                                .put("/outgoing-users/" + id, "{\"smarthostIdentity\":\"from\"}")
                                .status())
                .isEqualTo(400);

        // Address users: ranges read strictly, never too wide, never another user's.
        String base = ipRange();
        Api.Response ipUser =
                reseller1.post(
                        "/outgoing-users",
                        "{\"domain\":\""
                                + d1
                                + "\",\"ip\":\""
                                + base
                                + "0/24, 2001:db8:"
                                + Integer.toHexString(
                                        ThreadLocalRandom.current().nextInt(1, 0xffff))
                                + "::/48\"}");
        assertThat(ipUser.status()).as(ipUser.toString()).isEqualTo(201);
        assertThat(ipUser.json()).containsEntry("kind", "IP");
        assertThat(ipUser.json().get("ranges").toString()).contains(base + "0/24");
        Api.Response taken =
                reseller2.post(
                        "/outgoing-users",
                        "{\"domain\":\"" + d2 + "\",\"ip\":\"" + base + "128/25\"}");
        assertThat(taken.status()).isEqualTo(409);
        for (String bad : List.of("0.0.0.0/0", "192.0.2.7/24", "mail.example.com", "10.0.0.0/33")) {
            Api.Response refused =
                    reseller1.post(
                            "/outgoing-users",
                            "{\"domain\":\"" + d1 + "\",\"ip\":\"" + bad + "\"}");
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.json()).containsKey("error");
        }
        long start = System.nanoTime();
        Api.Response hostile =
                reseller1.post(
                        "/outgoing-users",
                        "{\"domain\":\"" + d1 + "\",\"ip\":\"" + "1:".repeat(500_000) + "\"}");
        assertThat(hostile.status()).isIn(400, 413);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(
                        reseller1
                                .post(
                                        "/outgoing-users",
                                        "{\"domain\":\""
                                                + d1
                                                + "\",\"username\":\"a\",\"password\":\""
                                                + PASSWORD
                                                + "\",\"ip\":\""
                                                + base
                                                + "0/24\"}")
                                .status())
                .isEqualTo(400);

        assertThat(reseller1.delete("/outgoing-users/" + id).status()).isEqualTo(204);
        assertThat(reseller1.get("/outgoing-users/" + id).status()).isEqualTo(404);
    }

    @Test
    void authenticatedUserRelaysToAnyDomainOn587And465() throws Exception {
        String d = domain("out-auth");
        loginUser(d);

        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, PASSWORD)).startsWith("235 2.7.0");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<other@another.example>")).startsWith("250");
        }
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(true)) {
            assertThat(smtp.authLogin("Shop@" + d, PASSWORD)).startsWith("235 2.7.0");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("250");
        }
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, "not-" + PASSWORD)).startsWith("535 5.7.8");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("530 5.7.0");
        }
        Swaks.Result swaks =
                Swaks.sendTo(
                        Gateway.SUBMISSION_PORT,
                        "shop@" + d,
                        "someone@elsewhere.example",
                        "--tls",
                        "--auth",
                        "LOGIN",
                        "--auth-user",
                        "shop@" + d,
                        "--auth-password",
                        PASSWORD,
                        "--quit-after",
                        "RCPT");
        assertThat(swaks.transcript()).contains("235 2.7.0").contains("250 2.1.5");
        assertThat(swaks.exitCode()).isZero();
    }

    @Test
    void failedAuthIsThrottledWith454AfterFiveAttempts() throws Exception {
        String d = domain("out-throttle");
        loginUser(d);
        String base = ipRange();

        for (int i = 1; i <= 5; i++) {
            try (SmtpConversation smtp = from(base + "3")) {
                assertThat(smtp.authPlain("shop@" + d, "wrong-" + i)).startsWith("535 5.7.8");
            }
        }
        try (SmtpConversation smtp = from(base + "3")) {
            // Locked now, whatever the password: the right one is not even checked.
            assertThat(smtp.authPlain("shop@" + d, PASSWORD))
                    .startsWith("454 4.7.0")
                    .contains("try again in");
        }
        String other = domain("out-other");
        loginUser(other);
        try (SmtpConversation smtp = from(base + "4")) {
            assertThat(smtp.authPlain("shop@" + other, PASSWORD)).startsWith("235");
        }
    }

    /**
     * A customer's server opens its connections at once, all with the right password: none may be
     * taken for a password guesser (the throttle counts attempts before they are checked).
     */
    @Test
    void tenParallelLoginsWithTheRightPasswordAllSucceed() throws Exception {
        String d = domain("out-burst");
        loginUser(d);
        String base = ipRange();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch connected = new CountDownLatch(10);
        List<Future<String>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String local = base + (30 + i);
                replies.add(
                        pool.submit(
                                () -> {
                                    try (SmtpConversation smtp = from(local)) {
                                        connected.countDown();
                                        connected.await();
                                        return smtp.authPlain("shop@" + d, PASSWORD);
                                    }
                                }));
            }
            for (Future<String> reply : replies) {
                assertThat(reply.get()).startsWith("235 2.7.0");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ipUserSendsFromItsAddressWithoutAuthAndOthersGet530() throws Exception {
        String d = domain("out-ip");
        String id = userId(admin, "{\"domain\":\"" + d + "\",\"ip\":\"127.0.0.1\"}");
        try {
            try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
                assertThat(smtp.command("MAIL FROM:<server@" + d + ">")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<someone@elsewhere.example>")).startsWith("250");
            }
            try (SmtpConversation smtp = SmtpConversation.submissionOverTls(true)) {
                assertThat(smtp.command("MAIL FROM:<server@" + d + ">")).startsWith("250");
            }
            try (SmtpConversation smtp = from("127.0.0.2")) {
                assertThat(smtp.command("MAIL FROM:<server@" + d + ">"))
                        .isEqualTo("530 5.7.0 Authentication required");
            }
        } finally {
            assertThat(admin.delete("/outgoing-users/" + id).status()).isEqualTo(204);
        }
    }

    @Test
    void messagesPerHourAdmitExactlyTheLimitUnderParallelConnections() throws Exception {
        String d = domain("out-rate");
        String base = ipRange();
        userId(
                admin,
                "{\"domain\":\""
                        + d
                        + "\",\"ip\":\""
                        + base
                        + "0/24\",\"messagesPerHour\":10,\"connections\":0}");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String local = base + (10 + i);
                Callable<String> mail =
                        () -> {
                            try (SmtpConversation smtp = from(local)) {
                                return smtp.command("MAIL FROM:<app@" + d + ">");
                            }
                        };
                replies.add(pool.submit(mail));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> f : replies) {
                answers.add(f.get());
            }
            assertThat(answers.stream().filter(a -> a.startsWith("250"))).hasSize(10);
            assertThat(answers.stream().filter(a -> !a.startsWith("250")))
                    .hasSize(10)
                    .allSatisfy(
                            a ->
                                    assertThat(a)
                                            .isEqualTo(
                                                    "451 4.7.1 "
                                                            + base
                                                            + "0/24 has sent 10 messages in the last"
                                                            + " hour, the limit is 10; try again later"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recipientsPerHourRefuseTheRecipientOverTheLimit() throws Exception {
        String d = domain("out-rcpt");
        String base = ipRange();
        userId(
                admin,
                "{\"domain\":\"" + d + "\",\"ip\":\"" + base + "0/24\",\"recipientsPerHour\":3}");
        try (SmtpConversation smtp = from(base + "9")) {
            assertThat(smtp.command("MAIL FROM:<app@" + d + ">")).startsWith("250");
            for (int i = 1; i <= 3; i++) {
                assertThat(smtp.command("RCPT TO:<r" + i + "@elsewhere.example>"))
                        .startsWith("250");
            }
            assertThat(smtp.command("RCPT TO:<r4@elsewhere.example>"))
                    .isEqualTo(
                            "451 4.7.1 "
                                    + base
                                    + "0/24 has sent to 3 recipients in the last hour,"
                                    + " the limit is 3; try again later");
        }
    }

    @Test
    void concurrentConnectionsAreLimitedAndASlotIsFreedWhenOneCloses() throws Exception {
        String d = domain("out-conn");
        String base = ipRange();
        userId(admin, "{\"domain\":\"" + d + "\",\"ip\":\"" + base + "0/24\",\"connections\":2}");
        SmtpConversation first = from(base + "1");
        try (SmtpConversation second = from(base + "2")) {
            assertThat(first.command("MAIL FROM:<a@" + d + ">")).startsWith("250");
            assertThat(second.command("MAIL FROM:<b@" + d + ">")).startsWith("250");
            try (SmtpConversation third = from(base + "3")) {
                assertThat(third.command("MAIL FROM:<c@" + d + ">"))
                        .isEqualTo(
                                "451 4.7.1 "
                                        + base
                                        + "0/24 has 2 connections open, the limit is 2;"
                                        + " close one and try again");
                assertThat(first.command("QUIT")).startsWith("221");
                first.close();
                String again = null;
                for (int i = 0; i < 50; i++) {
                    again = third.command("MAIL FROM:<c@" + d + ">");
                    if (again.startsWith("250")) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(again).startsWith("250");
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aLockedUserIsRefused550WithTheContactUntilUnlocked() throws Exception {
        String d = domain("out-lock");
        String id = loginUser(d);

        Api.Response locked =
                admin.post("/outgoing-users/" + id + "/lock", "{\"reason\":\"spam run\"}");
        assertThat(locked.status()).as(locked.toString()).isEqualTo(200);
        assertThat(locked.json()).containsEntry("locked", true);
        assertThat(locked.json().get("locks").toString()).contains("spam run");
        assertThat(admin.get("/outgoing-users?locked=true&domain=" + d).jsonArray())
                .extracting(u -> Api.id(u.get("id")))
                .containsExactly(id);
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, PASSWORD)).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">"))
                    .isEqualTo(
                            "550 5.7.1 The account shop@"
                                    + d
                                    + " is locked for sending spam;"
                                    + " contact postmaster@mx.filtermx.test");
        }
        assertThat(
                        admin.put(
                                        "/domains/" + d + "/settings",
                                        "{\"adminContact\":\"abuse@" + d + "\"}")
                                .status())
                .isEqualTo(200);
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, PASSWORD)).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).endsWith("contact abuse@" + d);
        }

        Api.Response unlocked = admin.post("/outgoing-users/" + id + "/unlock", "{}");
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json()).containsEntry("locked", false);
        assertThat(admin.get("/outgoing-users?locked=true&domain=" + d).jsonArray()).isEmpty();
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, PASSWORD)).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("250");
        }
    }

    @Test
    void consoleListsLocksUnlocksAndAddsOutgoingUsers() throws Exception {
        String d = domain("out-console");
        String id = loginUser(d);
        assertThat(
                        admin.put(
                                        "/domains/" + d + "/settings",
                                        "{\"password\":\"" + LOGIN_PASSWORD + "\"}")
                                .status())
                .isEqualTo(200);
        assertThat(
                        admin.post("/outgoing-users/" + id + "/lock", "{\"reason\":\"spam run\"}")
                                .status())
                .isEqualTo(200);

        try (Browser b = Browser.open()) {
            b.login(d, LOGIN_PASSWORD);
            b.get("/console/outgoing.xhtml");
            b.awaitText(By.id("list:users"), "shop@" + d);
            assertThat(b.find(By.id("list:users")).getText()).contains("spam run");
            b.click(By.xpath("//form[@id='list']//button[.//span[text()='Unlock']]"));
            b.awaitText(By.id("list:users"), "open");
            assertThat(admin.get("/outgoing-users/" + id).json()).containsEntry("locked", false);

            b.type("add:username", "web");
            b.type("add:password", PASSWORD);
            b.typeNumber("add:messagesPerHour", 500);
            b.click("add:addUser");
            assertThat(b.messages()).contains("at most 200 messages");
            // A refused form keeps what was typed, except the password (never sent back).
            b.type("add:password", PASSWORD);
            b.typeNumber("add:messagesPerHour", 50);
            b.click("add:addUser");
            b.awaitText(By.id("list:users"), "web@" + d);
            assertThat(b.find(By.id("list:users")).getText()).contains("50 messages");
            b.screenshot("outgoing-users");
        }
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("web@" + d, PASSWORD)).startsWith("235");
        }
    }

    @Test
    void aSmarthostIsLimitedAndLockedPerRealSender() throws Exception {
        String d = domain("out-smarthost");
        String base = ipRange();
        String id =
                userId(
                        admin,
                        "{\"domain\":\""
                                + d
                                + "\",\"ip\":\""
                                + base
                                + "0/24\",\"messagesPerHour\":2,\"smarthostIdentity\":\"mail-from\"}");
        try (SmtpConversation smtp = from(base + "7")) {
            for (int i = 0; i < 2; i++) {
                assertThat(smtp.command("MAIL FROM:<Bob@" + d + ">")).startsWith("250");
                assertThat(smtp.command("RSET")).startsWith("250");
            }
            assertThat(smtp.command("MAIL FROM:<bob@" + d + ">"))
                    .isEqualTo(
                            "451 4.7.1 bob@"
                                    + d
                                    + " (via "
                                    + base
                                    + "0/24) has sent 2 messages in"
                                    + " the last hour, the limit is 2; try again later");
            // Another sender behind the same server goes on.
            assertThat(smtp.command("MAIL FROM:<carol@" + d + ">")).startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
        }

        Api.Response locked =
                admin.post(
                        "/outgoing-users/" + id + "/lock",
                        "{\"identity\":\"carol@" + d + "\",\"reason\":\"phishing\"}");
        assertThat(locked.status()).as(locked.toString()).isEqualTo(200);
        try (SmtpConversation smtp = from(base + "8")) {
            assertThat(smtp.command("MAIL FROM:<carol@" + d + ">"))
                    .isEqualTo(
                            "550 5.7.1 The sender carol@"
                                    + d
                                    + " of account "
                                    + base
                                    + "0/24 is locked for sending spam; contact"
                                    + " postmaster@mx.filtermx.test");
            assertThat(smtp.command("MAIL FROM:<dave@" + d + ">")).startsWith("250");
        }
        assertThat(
                        admin.post(
                                        "/outgoing-users/" + id + "/unlock",
                                        "{\"identity\":\"Carol@" + d + "\"}")
                                .json())
                .containsEntry("locked", false);
        try (SmtpConversation smtp = from(base + "8")) {
            assertThat(smtp.command("MAIL FROM:<carol@" + d + ">")).startsWith("250");
        }
    }

    @Test
    void anEmailUserSeesNoOutgoingUsers() throws Exception {
        String d = domain("out-email");
        String id = loginUser(d);
        assertThat(
                        admin.post(
                                        "/domains/" + d + "/users",
                                        "{\"address\":\"eve@"
                                                + d
                                                + "\",\"password\":\""
                                                + LOGIN_PASSWORD
                                                + "\"}")
                                .status())
                .isEqualTo(201);
        Api eve = new Api("eve@" + d, LOGIN_PASSWORD);

        assertThat(eve.get("/outgoing-users").jsonArray()).isEmpty();
        assertThat(eve.get("/outgoing-users/" + id).status()).isEqualTo(404);
        assertThat(eve.post("/outgoing-users/" + id + "/unlock", "{}").status()).isEqualTo(404);
        assertThat(
                        eve.post(
                                        "/outgoing-users",
                                        "{\"domain\":\""
                                                + d
                                                + "\",\"username\":\"eve\","
                                                + "\"password\":\""
                                                + PASSWORD
                                                + "\"}")
                                .status())
                .isEqualTo(404);
    }
}
