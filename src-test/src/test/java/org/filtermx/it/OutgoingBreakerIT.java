package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The outbound circuit breaker over real sockets (issue 20, ADR 0045): an authenticated submission
 * user on 587 that sends a burst above its floor is locked at the end of DATA before its mail is
 * scanned (GTUBE gets the lock reply, not the spam reply), and further mail is refused at MAIL
 * FROM; the administrator contact gets one plain notice by mail per lock (a second lock after the
 * owner's daily unlock says the provider decides); a webhook receiver on loopback gets the signed
 * {@code outgoing.locked} event, a test event goes signed to the one webhook asked, and a failing
 * one is tried again; a domain login may unlock once per day, then gets 403; resellers see only
 * their own webhooks and events; the console shows the breaker and its unlock button.
 */
@GatewayTest
@RunAsClient
class OutgoingBreakerIT {

    private static final String PASSWORD = "Outgoing-Secret-42";
    private static final String LOGIN_PASSWORD = "Domain-Login-Secret-42";
    private static final String GTUBE =
            "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    /** The webhook timer runs every 10 s; a retry comes a minute after a failure. */
    private static final Duration FIRST_DELIVERY = Duration.ofSeconds(60);

    private static final Duration RETRY = Duration.ofSeconds(150);

    @RegisterExtension static final Resellers RESELLERS = new Resellers("Reseller-Secret-42");

    private final Api admin = Gateway.admin();
    private final List<String> domains = new ArrayList<>();
    private final List<String> webhooks = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (String w : webhooks) {
            admin.delete("/webhooks/" + w);
        }
        for (String d : domains) {
            admin.delete("/domains/" + d);
        }
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** A hosted domain with a domain login and the outgoing user shop@domain; returns its id. */
    private String domainWithUser(String d) {
        Api.Response settings =
                admin.put(
                        "/domains/" + d + "/settings",
                        "{\"adminContact\":\"abuse@"
                                + d
                                + "\",\"password\":\""
                                + LOGIN_PASSWORD
                                + "\"}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        Api.Response user =
                admin.post(
                        "/outgoing-users",
                        "{\"domain\":\""
                                + d
                                + "\",\"username\":\"shop\",\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        return Api.id(user.json().get("id"));
    }

    private String newDomain(String prefix) {
        return newDomain(prefix, 2626);
    }

    /** A hosted domain routed to loopback {@code port}: its contact abuse@ gets mail there. */
    private String newDomain(String prefix, int port) {
        String d = prefix + "-" + tag() + ".test";
        admin.addDomain(d, port);
        domains.add(d);
        return d;
    }

    /** The text of a plain notice as received by a sink. */
    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A webhook receiver on loopback: answers each request with the next status (then 200). */
    private static final class Receiver implements AutoCloseable {
        record Request(String signature, String event, String body) {}

        final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        final HttpServer server;

        Receiver(int... statuses) throws IOException {
            AtomicInteger n = new AtomicInteger();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(
                    "/hook",
                    exchange -> {
                        String body;
                        try (InputStream in = exchange.getRequestBody()) {
                            body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                        }
                        requests.add(
                                new Request(
                                        exchange.getRequestHeaders().getFirst("FilterMX-Signature"),
                                        exchange.getRequestHeaders().getFirst("FilterMX-Event"),
                                        body));
                        int i = n.getAndIncrement();
                        int status = i < statuses.length ? statuses[i] : 200;
                        exchange.sendResponseHeaders(status, -1);
                        exchange.close();
                    });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        /** The next request about {@code domain}, or null when none came in time. */
        Request next(String domain, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                Request r = requests.poll(1, TimeUnit.SECONDS);
                if (r != null && r.body().contains("\"domain\":\"" + domain + "\"")) {
                    return r;
                }
            }
            return null;
        }

        /** The next request whose body contains {@code text}, or null when none came in time. */
        Request nextContaining(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                Request r = requests.poll(1, TimeUnit.SECONDS);
                if (r != null && r.body().contains(text)) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Registers a webhook as {@code api}; returns its id and secret. */
    private String[] register(Api api, String url) {
        Api.Response r = api.post("/webhooks", "{\"url\":\"" + url + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> json = r.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> hook = (Map<String, Object>) json.get("webhook");
        String id = Api.id(hook.get("id"));
        webhooks.add(id);
        return new String[] {id, (String) json.get("secret")};
    }

    /** What a receiver does: HMAC-SHA256 of "t.body" under the secret, compared with v1. */
    private static boolean verifies(String secret, String header, String body) throws Exception {
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        assertThat(t).isNotNull();
        assertThat(Long.parseLong(t))
                .isBetween(
                        System.currentTimeMillis() / 1000 - 600,
                        System.currentTimeMillis() / 1000 + 60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected =
                HexFormat.of()
                        .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(v1);
    }

    private static String message(String d, String remote, String subject, String body) {
        return "From: <shop@"
                + d
                + ">\r\nTo: <carol@"
                + remote
                + ">\r\nSubject: "
                + subject
                + "\r\nMessage-ID: <"
                + tag()
                + "@"
                + d
                + ">\r\n\r\n"
                + body
                + "\r\n.\r\n";
    }

    @Test
    void aBurstLocksTheSenderBeforeItsMailIsScannedAndTheWebhookGetsASignedEvent()
            throws Exception {
        Receiver receiver = new Receiver();
        resources.add(receiver);
        String[] hook = register(admin, receiver.url());
        // The domain's route, where its administrator contact abuse@ gets the lock notices.
        SmtpSink contact = SmtpSink.start();
        resources.add(contact);
        String d = newDomain("brk-burst", contact.port());
        String id = domainWithUser(d);
        // The two messages that go out are delivered to a sink as the remote MX.
        String remote = "remote-" + tag() + ".test";
        Dnsmasq dns =
                Dnsmasq.builder()
                        .mx(remote, "mx." + remote, 10)
                        .address("mx." + remote, "127.0.0.1")
                        .start();
        resources.add(dns);
        SmtpSink mx = SmtpSink.startOn(Gateway.MX_PORT);
        resources.add(mx);
        Api.Response floors =
                admin.put(
                        "/outgoing-users/" + id + "/breaker",
                        "{\"floorMessages\":2,\"floorRecipients\":50}");
        assertThat(floors.status()).as(floors.toString()).isEqualTo(200);
        assertThat(floors.json()).containsEntry("ownFloors", true).containsEntry("locked", false);
        assertThat(Api.id(floors.json().get("floorMessages"))).isEqualTo("2");

        List<String> ends = new ArrayList<>();
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, PASSWORD)).startsWith("235");
            for (int i = 1; i <= 3; i++) {
                // The first MAIL FROM after a refused DATA is the next transaction (RFC 5321
                // 4.1.4).
                assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<carol@" + remote + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                // The third would be spam (GTUBE): the breaker answers first.
                smtp.send(
                        message(
                                d,
                                remote,
                                "note " + i,
                                i == 3 ? GTUBE : "See you at " + i + " pm."));
                ends.add(smtp.reply());
            }
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">"))
                    .startsWith(
                            "550 5.7.1 The account shop@" + d + " is locked after an unusual burst")
                    .contains("contact abuse@" + d);
        }
        assertThat(ends.get(0)).as(ends.toString()).startsWith("250");
        assertThat(ends.get(1)).as(ends.toString()).startsWith("250");
        assertThat(ends.get(2))
                .isEqualTo(
                        "550 5.7.1 The account shop@"
                                + d
                                + " is locked after an unusual burst of mail; contact abuse@"
                                + d);

        Map<String, Object> status = admin.get("/outgoing-users/" + id + "/breaker").json();
        assertThat(status).containsEntry("locked", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> account = ((List<Map<String, Object>>) status.get("identities")).get(0);
        assertThat(account).containsEntry("identity", "").containsEntry("learning", true);
        assertThat(Api.id(account.get("hourMessages"))).isEqualTo("3");
        assertThat((String) account.get("lockReason"))
                .startsWith("burst: 3 messages this hour, above the limit of 2");
        // Nothing of the third message was held as spam: it was never scanned.
        assertThat(admin.get("/quarantine?direction=outgoing&domain=" + d).body())
                .doesNotContain("note 3");
        assertThat(mx.awaitMessages(2, Duration.ofSeconds(60))).hasSize(2);

        Receiver.Request got = receiver.next(d, FIRST_DELIVERY);
        assertThat(got).as("no webhook request about %s", d).isNotNull();
        assertThat(got.event()).isEqualTo("outgoing.locked");
        assertThat(got.body())
                .contains("\"event\":\"outgoing.locked\"")
                .contains("\"outgoingUserId\":" + id)
                .contains("\"account\":\"shop@" + d + "\"")
                .contains("\"by\":\"breaker\"");
        assertThat(verifies(hook[1], got.signature(), got.body())).isTrue();
        assertThat(verifies(hook[1], got.signature(), got.body().replace("locked", "lockes")))
                .isFalse();
        assertThat(hook[1]).startsWith("whsec_");
        // The secret is shown once: never listed again.
        assertThat(admin.get("/webhooks/" + hook[0]).body()).doesNotContain(hook[1]);

        // The administrator contact is told by mail: a plain notice (a burst has no one message
        // to report in ARF) with the burst, the limits and how to unlock.
        List<String> notices = contact.awaitMessages(1, FIRST_DELIVERY);
        assertThat(notices).hasSize(1);
        MimeMessage notice = parse(notices.get(0));
        assertThat(notice.getSubject())
                .isEqualTo("Outgoing account locked: unusual burst of mail from shop@" + d);
        assertThat(notice.getContentType()).startsWith("text/plain");
        assertThat(notice.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(notice.getHeader("X-FilterMX-Outgoing-User", ",")).isEqualTo("shop@" + d);
        assertThat((String) notice.getContent())
                .contains("This hour:        3 messages, 3 recipients")
                .contains("Limit this hour:  2 messages, 50 recipients")
                .contains("Usual:            still learning")
                .contains("today's unlock is still available")
                .contains("POST /api/v1/outgoing-users/" + id + "/unlock");

        // The owner unlocks; the hour is still over the floor, so the next message locks again,
        // and that lock's notice leaves the decision to the provider.
        Api login = new Api(d, LOGIN_PASSWORD);
        assertThat(login.post("/outgoing-users/" + id + "/unlock", "{}").status()).isEqualTo(200);
        try (SmtpConversation smtp = SmtpConversation.submissionOverTls(false)) {
            assertThat(smtp.authPlain("shop@" + d, PASSWORD)).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<carol@" + remote + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send(message(d, remote, "note 4", "Still there?"));
            assertThat(smtp.reply()).startsWith("550 5.7.1 The account shop@" + d + " is locked");
            // Refused at MAIL FROM: no new lock, nobody told again.
            assertThat(smtp.command("MAIL FROM:<shop@" + d + ">")).startsWith("550 5.7.1");
        }
        notices = contact.awaitMessages(2, FIRST_DELIVERY);
        assertThat(notices).hasSize(2);
        assertThat(notices.stream().map(OutgoingBreakerIT::textOf).toList())
                .filteredOn(t -> t.contains("This hour:        4 messages, 4 recipients"))
                .singleElement()
                .satisfies(t -> assertThat(t).contains("has been used").contains("reseller"));
        // Once per lock: two locks, two notices in the log, whatever was refused meanwhile.
        assertThat(admin.get("/log?recipient=abuse@" + d).jsonArray()).hasSize(2);
    }

    private static String textOf(String raw) {
        try {
            return (String) parse(raw).getContent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailingReceiverIsTriedAgainLater() throws Exception {
        Receiver receiver = new Receiver(500);
        resources.add(receiver);
        String[] hook = register(admin, receiver.url());
        String d = newDomain("brk-retry");
        String id = domainWithUser(d);
        assertThat(admin.post("/outgoing-users/" + id + "/lock", "{\"reason\":\"test\"}").status())
                .isEqualTo(200);

        Receiver.Request first = receiver.next(d, FIRST_DELIVERY);
        assertThat(first).as("first attempt").isNotNull();
        // The outcome is recorded just after the receiver answered.
        assertThat(deliveriesOnceThey(hook[0], "HTTP 500"))
                .contains("state=pending")
                .contains("attempts=1.0");
        Receiver.Request second = receiver.next(d, RETRY);
        assertThat(second).as("the retry").isNotNull();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(verifies(hook[1], second.signature(), second.body())).isTrue();
        assertThat(deliveriesOnceThey(hook[0], "state=delivered")).contains("attempts=2.0");
    }

    /** The webhook's deliveries as text once they contain {@code text} (or after 20 s). */
    private String deliveriesOnceThey(String hook, String text) throws InterruptedException {
        return deliveriesOfOnceThey(admin, hook, text);
    }

    private static String deliveriesOfOnceThey(Api api, String hook, String text)
            throws InterruptedException {
        String shown = "";
        for (int i = 0; i < 40; i++) {
            shown = String.valueOf(api.get("/webhooks/" + hook).json().get("deliveries"));
            if (shown.contains(text)) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(shown).contains(text);
        return shown;
    }

    @Test
    void aDomainLoginUnlocksOnceADayThenItsProviderDecides() throws Exception {
        String d = newDomain("brk-quota");
        String id = domainWithUser(d);
        Api login = new Api(d, LOGIN_PASSWORD);
        assertThat(admin.post("/outgoing-users/" + id + "/lock", "{}").status()).isEqualTo(200);
        assertThat(login.get("/outgoing-users/" + id + "/breaker").json())
                .containsEntry("locked", true)
                .containsEntry("selfUnlockAvailable", true);

        // Two unlocks at once: exactly one passes.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> both = new ArrayList<>();
            Callable<Integer> unlock =
                    () -> {
                        start.await();
                        return login.post("/outgoing-users/" + id + "/unlock", "{}").status();
                    };
            both.add(pool.submit(unlock));
            both.add(pool.submit(unlock));
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : both) {
                statuses.add(f.get());
            }
            // The loser found either the quota used (403) or nothing left to unlock (200).
            assertThat(statuses).contains(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get("/outgoing-users/" + id).json()).containsEntry("locked", false);
        assertThat(login.get("/outgoing-users/" + id + "/breaker").json())
                .containsEntry("selfUnlockAvailable", false);

        assertThat(admin.post("/outgoing-users/" + id + "/lock", "{}").status()).isEqualTo(200);
        Api.Response refused = login.post("/outgoing-users/" + id + "/unlock", "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("ask your provider");
        assertThat(admin.get("/outgoing-users/" + id).json()).containsEntry("locked", true);
        // A domain login sets no floors; the administrator unlocks whatever the quota.
        assertThat(
                        login.put("/outgoing-users/" + id + "/breaker", "{\"floorMessages\":5}")
                                .status())
                .isEqualTo(403);
        assertThat(admin.post("/outgoing-users/" + id + "/unlock", "{}").json())
                .containsEntry("locked", false);
    }

    @Test
    void webhooksAndBreakersStayWithinTenancy() throws Exception {
        String r1 = RESELLERS.addUnique("brk-r1");
        String r2 = RESELLERS.addUnique("brk-r2");
        Api reseller1 = RESELLERS.as(r1);
        Api reseller2 = RESELLERS.as(r2);
        String d1 = "brk-one-" + tag() + ".test";
        reseller1.addTenantDomain(d1, 2626);
        domains.add(d1);
        String d2 = newDomain("brk-two");
        String id1 = domainWithUser(d1);
        String id2 = domainWithUser(d2);

        Receiver receiver = new Receiver();
        resources.add(receiver);
        String[] hook = register(reseller1, receiver.url());
        assertThat(reseller1.get("/webhooks").jsonArray())
                .extracting(w -> Api.id(w.get("id")))
                .containsExactly(hook[0]);
        assertThat(reseller2.get("/webhooks").jsonArray()).isEmpty();
        assertThat(reseller2.get("/webhooks/" + hook[0]).status()).isEqualTo(404);
        assertThat(reseller2.delete("/webhooks/" + hook[0]).status()).isEqualTo(404);
        assertThat(admin.get("/webhooks").jsonArray())
                .extracting(w -> Api.id(w.get("id")))
                .contains(hook[0]);
        Api login = new Api(d1, LOGIN_PASSWORD);
        assertThat(login.get("/webhooks").status()).isEqualTo(403);
        assertThat(login.post("/webhooks", "{\"url\":\"" + receiver.url() + "\"}").status())
                .isEqualTo(403);
        assertThat(reseller1.post("/webhooks", "{\"url\":\"http://panel.example/hook\"}").status())
                .isEqualTo(400);

        assertThat(reseller2.get("/outgoing-users/" + id1 + "/breaker").status()).isEqualTo(404);
        assertThat(
                        reseller2
                                .put("/outgoing-users/" + id1 + "/breaker", "{\"floorMessages\":9}")
                                .status())
                .isEqualTo(404);
        assertThat(new Api(d2, LOGIN_PASSWORD).get("/outgoing-users/" + id1 + "/breaker").status())
                .isEqualTo(404);

        // The other tenant's lock is not told to reseller 1's webhook; its own is.
        assertThat(admin.post("/outgoing-users/" + id2 + "/lock", "{}").status()).isEqualTo(200);
        assertThat(reseller1.post("/outgoing-users/" + id1 + "/lock", "{}").status())
                .isEqualTo(200);
        Receiver.Request own = receiver.next(d1, FIRST_DELIVERY);
        assertThat(own).isNotNull();
        assertThat(verifies(hook[1], own.signature(), own.body())).isTrue();
        assertThat(receiver.requests.stream().map(Receiver.Request::body).toList())
                .noneMatch(b -> b.contains(d2));
        assertThat(admin.get("/webhooks/" + hook[0]).body()).doesNotContain(d2);
    }

    @Test
    void aTestEventGoesSignedToTheOneWebhookAskedWithinTenancy() throws Exception {
        String r1 = RESELLERS.addUnique("brk-t1");
        String r2 = RESELLERS.addUnique("brk-t2");
        Api reseller1 = RESELLERS.as(r1);
        Receiver panel = new Receiver();
        resources.add(panel);
        Receiver other = new Receiver();
        resources.add(other);
        // Subscribed to unlocks only: a test goes to it all the same.
        Api.Response created =
                reseller1.post(
                        "/webhooks",
                        "{\"url\":\"" + panel.url() + "\",\"events\":[\"outgoing.unlocked\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        String id = Api.id(((Map<String, Object>) created.json().get("webhook")).get("id"));
        webhooks.add(id);
        String secret = (String) created.json().get("secret");
        String[] otherHook = register(admin, other.url());

        // Another reseller and a domain login cannot test it.
        assertThat(RESELLERS.as(r2).post("/webhooks/" + id + "/test", "{}").status())
                .isEqualTo(404);
        String d = newDomain("brk-test");
        domainWithUser(d);
        assertThat(new Api(d, LOGIN_PASSWORD).post("/webhooks/" + id + "/test", "{}").status())
                .isEqualTo(403);

        Api.Response queued = reseller1.post("/webhooks/" + id + "/test", "{}");
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        assertThat(queued.json()).containsEntry("event", "webhook.test");
        String eventId = (String) queued.json().get("id");
        Receiver.Request got = panel.nextContaining(eventId, FIRST_DELIVERY);
        assertThat(got).as("no test event %s", eventId).isNotNull();
        assertThat(got.event()).isEqualTo("webhook.test");
        assertThat(got.body())
                .contains("\"event\":\"webhook.test\"")
                .contains("\"webhookId\":" + id)
                .contains("\"by\":\"" + r1 + "\"");
        assertThat(verifies(secret, got.signature(), got.body())).isTrue();
        assertThat(verifies(otherHook[1], got.signature(), got.body())).isFalse();
        assertThat(deliveriesOfOnceThey(reseller1, id, "state=delivered"))
                .contains("event=webhook.test");
        // The other webhook (an administrator's, which sees everything) got no test.
        assertThat(other.requests.stream().map(Receiver.Request::body).toList())
                .noneMatch(b -> b.contains("webhook.test"));
        assertThat(admin.get("/webhooks/" + otherHook[0]).body()).doesNotContain("webhook.test");
    }

    @Test
    void theConsoleShowsTheBreakerAndTheDailyUnlock() throws Exception {
        String d = newDomain("brk-console");
        String id = domainWithUser(d);
        assertThat(
                        admin.post(
                                        "/outgoing-users/" + id + "/lock",
                                        "{\"reason\":\"burst: test\"}")
                                .status())
                .isEqualTo(200);

        try (Browser b = Browser.open()) {
            b.login(d, LOGIN_PASSWORD);
            b.get("/console/outgoing.xhtml");
            b.awaitText(By.id("list:users"), "shop@" + d);
            assertThat(b.findAll(By.id("webhooks"))).isEmpty();
            b.click(By.xpath("//form[@id='list']//button[.//span[text()='Breaker']]"));
            b.awaitText(By.id("breaker"), "Circuit breaker of shop@" + d);
            assertThat(b.find(By.id("breaker")).getText())
                    .contains("Locked")
                    .contains("whole account")
                    .contains("0 of 100 messages");
            b.screenshot("i20-breaker-locked");
            b.click("breaker:selfUnlock");
            b.awaitText(By.id("breaker"), "Open");
            assertThat(b.find(By.id("breaker")).getText())
                    .contains("self-service unlock of today was used");
            assertThat(admin.get("/outgoing-users/" + id).json()).containsEntry("locked", false);
        }
        try (Browser b = Browser.open()) {
            b.login("admin", Gateway.ADMIN_PASSWORD);
            b.get("/console/outgoing.xhtml");
            b.awaitText(By.id("webhooks"), "Webhooks");
            String hookUrl = "https://panel.example/hooks/" + tag();
            b.type("webhooks:url", hookUrl);
            b.click("webhooks:register");
            b.awaitText(By.id("webhooks"), "whsec_");
            String shown = b.find(By.id("webhooks:secret")).getText();
            assertThat(shown).startsWith("whsec_");
            for (Map<String, Object> w : admin.get("/webhooks").jsonArray()) {
                if (((String) w.get("url")).startsWith("https://panel.example/hooks/")) {
                    webhooks.add(Api.id(w.get("id")));
                }
            }
            b.screenshot("i20-breaker-webhooks");
            // Send test queues a webhook.test for that webhook and shows its deliveries.
            b.click(
                    By.xpath(
                            "//tr[td[contains(., '"
                                    + hookUrl
                                    + "')]]//button[.//span[text()='Send test']]"));
            b.awaitText(By.id("webhooks"), "Latest deliveries to " + hookUrl);
            assertThat(b.find(By.id("webhooks:deliveries")).getText()).contains("webhook.test");
        }
    }
}
