package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The quarantine over real sockets against the deployed gateway and MariaDB: a release delivers
 * once and is logged; a second release (sequential or concurrent) delivers nothing; a release
 * link's GET releases nothing and its POST releases; tampered links are refused; retention ends in
 * expiry; bulk, list and delete actions; and what a domain login may see.
 */
@GatewayTest
@RunAsClient
class QuarantineIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private final Api api = Gateway.admin();

    /** A hosted domain on {@code sink} whose spam is held, not refused. */
    private String holdingDomain(SmtpSink sink, String prefix) {
        String domain = Gateway.uniqueDomain(prefix);
        api.addDomain(domain, sink.port());
        assertThat(
                        api.put(
                                        "/domains/" + domain + "/filter-policy",
                                        "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                .status())
                .isEqualTo(200);
        return domain;
    }

    private static String spam(String from, List<String> to, String subject) {
        return "From: "
                + from
                + "\r\n"
                + "To: "
                + String.join(", ", to)
                + "\r\n"
                + "Subject: "
                + subject
                + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <"
                + System.nanoTime()
                + "@sender.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + FilteringIT.GTUBE
                + "\r\n";
    }

    /** Sends one spam message and returns its quarantine id once it is held. */
    private long hold(String domain, String from, List<String> to, String subject)
            throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, to, spam(from, to, subject))).startsWith("250 2.0.0");
        }
        List<Map<String, Object>> held = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            held = api.get("/quarantine" + Api.query("domain", domain, "sender", from)).jsonArray();
            if (held.stream().anyMatch(h -> subject.equals(h.get("subject")))) {
                break;
            }
            Thread.sleep(200);
        }
        return held.stream()
                .filter(h -> subject.equals(h.get("subject")))
                .findFirst()
                .map(h -> Long.parseLong(Api.id(h.get("id"))))
                .orElseThrow(() -> new AssertionError("not held: " + subject));
    }

    @Test
    void releaseDeliversOnceAndIsLogged() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "release");
            long id = hold(domain, "spammer@sender.example", List.of("bob@" + domain), "Held once");
            assertThat(sink.messagesAfter(Duration.ofMillis(1500))).isEmpty();

            Api.Response first = api.post("/quarantine/" + id + "/release", "");
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json()).containsEntry("done", true);
            String delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertThat(delivered).contains("Subject: Held once");

            Api.Response second = api.post("/quarantine/" + id + "/release", "");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("error").toString() + second.json().get("detail"))
                    .contains("already released");
            assertThat(sink.messagesAfter(Duration.ofSeconds(3))).hasSize(1);

            Map<String, Object> held = api.get("/quarantine/" + id).json();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> audit = (List<Map<String, Object>>) held.get("audit");
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0))
                    .containsEntry("action", "RELEASE")
                    .containsEntry("actor", "admin")
                    .containsEntry("actorAddress", "127.0.0.1");
            assertThat(api.get("/quarantine?domain=" + domain).jsonArray()).isEmpty();

            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "DELIVERED"),
                            Duration.ofSeconds(20),
                            "domain",
                            domain);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history =
                    (List<Map<String, Object>>) api.logEntry(log.get(0).get("id")).get("history");
            assertThat(history)
                    .extracting(e -> e.get("status"))
                    .containsSubsequence("QUARANTINED", "RELEASED", "DELIVERED");
        }
    }

    @Test
    void concurrentReleasesDeliverOnce() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "race");
            long id = hold(domain, "spammer@sender.example", List.of("bob@" + domain), "Raced");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> api.post("/quarantine/" + id + "/release", "").status());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsOnly(200, 409);
                assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            sink.awaitMessages(1, Duration.ofSeconds(20));
            assertThat(sink.messagesAfter(Duration.ofSeconds(3))).hasSize(1);
        }
    }

    @Test
    void releaseLinkGetShowsAndReleasesNothingPostReleasesOnce() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "link");
            String subject = "Invoice <script>alert(1)</script> & more";
            long id =
                    hold(
                            domain,
                            "spammer@sender.example",
                            List.of("bob@" + domain, "carol@" + domain),
                            subject);

            Api.Response made =
                    api.get(
                            "/quarantine/"
                                    + id
                                    + "/release-link"
                                    + Api.query("recipient", "bob@" + domain));
            assertThat(made.status()).as(made.toString()).isEqualTo(200);
            String url = (String) made.json().get("url");
            assertThat(url).startsWith("http://127.0.0.1:" + Gateway.HTTP_PORT + "/release/");

            HttpResponse<String> page =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("Release this message?")
                    .contains("bob@" + domain)
                    .contains("Invoice &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                    .doesNotContain("<script>")
                    .contains("method=\"post\"");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("default-src 'none'");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            // A second GET, as a link scanner would make: still nothing released.
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).isEmpty();

            HttpResponse<String> released =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(released.statusCode()).isEqualTo(200);
            assertThat(released.body()).contains("Released");
            String delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertThat(delivered).contains("bob@" + domain);

            HttpResponse<String> again =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(again.body()).contains("Already released");
            assertThat(
                            HTTP.send(
                                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body())
                    .contains("Already released");
            assertThat(sink.messagesAfter(Duration.ofSeconds(3))).hasSize(1);

            // Carol's copy is still held: the link named Bob only.
            Map<String, Object> details = api.get("/quarantine/" + id).json();
            assertThat(details.toString()).contains("carol@" + domain);
            assertThat(
                            api.get("/quarantine" + Api.query("recipient", "carol@" + domain))
                                    .jsonArray())
                    .hasSize(1);
            assertThat(api.get("/quarantine" + Api.query("recipient", "bob@" + domain)).jsonArray())
                    .isEmpty();

            String token = url.substring(url.lastIndexOf('/') + 1);
            String otherId = tamper(token);
            for (String bad :
                    List.of(
                            otherId,
                            token.substring(0, token.length() - 3),
                            "nonsense",
                            token + "x")) {
                String badUrl = url.substring(0, url.lastIndexOf('/') + 1) + bad;
                HttpResponse<String> refused =
                        HTTP.send(
                                HttpRequest.newBuilder(URI.create(badUrl))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(refused.body())
                        .contains("This link cannot be used")
                        .doesNotContain("Exception");
            }
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).hasSize(1);
        }
    }

    /** The token with its payload naming Carol instead of Bob, signature unchanged. */
    private static String tamper(String token) {
        int dot = token.indexOf('.');
        String payload =
                new String(
                        java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
                        java.nio.charset.StandardCharsets.UTF_8);
        String forged = payload.replace("|bob@", "|carol@");
        return java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + token.substring(dot);
    }

    @Test
    void heldMessagesExpireWhenTheirRetentionEnds() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "expiry");
            long id = hold(domain, "spammer@sender.example", List.of("bob@" + domain), "Expiring");
            long kept = hold(domain, "spammer@sender.example", List.of("bob@" + domain), "Kept");
            Gateway.sql(
                    "UPDATE quarantine_message SET expires_at = TIMESTAMPADD(DAY, -1, UTC_TIMESTAMP(3)) WHERE id = "
                            + id);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (api.get("/quarantine/" + id).status() != 404 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(api.get("/quarantine/" + id).status()).isEqualTo(404);
            assertThat(api.get("/quarantine/" + kept).status()).isEqualTo(200);
            List<Map<String, Object>> log =
                    api.awaitLog(
                            e -> e.size() == 1,
                            Duration.ofSeconds(10),
                            "domain",
                            domain,
                            "status",
                            "EXPIRED");
            assertThat(log).hasSize(1);
            assertThat(log.get(0)).containsEntry("subject", "Expiring");
            assertThat(api.post("/quarantine/" + id + "/release", "").status()).isEqualTo(404);
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void bulkActionsReportEachMessage() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "bulk");
            long a = hold(domain, "one@sender.example", List.of("bob@" + domain), "Bulk one");
            long b = hold(domain, "two@sender.example", List.of("bob@" + domain), "Bulk two");
            Api.Response r =
                    api.post(
                            "/quarantine/actions",
                            "{\"action\":\"delete\",\"ids\":[" + a + "," + b + ",999999999]}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            List<Map<String, Object>> outcomes = r.jsonArray();
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0)).containsEntry("done", true);
            assertThat(outcomes.get(1)).containsEntry("done", true);
            assertThat(outcomes.get(2)).containsEntry("done", false);
            assertThat(api.get("/quarantine?domain=" + domain).jsonArray()).isEmpty();
            assertThat(api.log("domain", domain, "status", "DELETED")).hasSize(2);
            assertThat(
                            api.post("/quarantine/actions", "{\"action\":\"explode\",\"ids\":[1]}")
                                    .status())
                    .isEqualTo(400);
            assertThat(
                            api.post("/quarantine/actions", "{\"action\":\"delete\",\"ids\":[]}")
                                    .status())
                    .isEqualTo(400);
            assertThat(sink.messagesAfter(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void blockAndDeleteListsTheSenderAllowAndReleaseDelivers() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "lists");
            long blocked = hold(domain, "pest@bad.example", List.of("bob@" + domain), "Block me");
            assertThat(api.post("/quarantine/" + blocked + "/block-and-delete", "").status())
                    .isEqualTo(200);
            assertThat(api.get("/lists?owner=" + domain).body())
                    .contains("pest@bad.example")
                    .contains("BLOCK");
            long allowed =
                    hold(domain, "friend@good.example", List.of("bob@" + domain), "Allow me");
            Api.Response r = api.post("/quarantine/" + allowed + "/allow-and-release", "");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            sink.awaitMessages(1, Duration.ofSeconds(20));
            assertThat(api.get("/lists?owner=" + domain).body())
                    .contains("friend@good.example")
                    .contains("ALLOW");

            // The lists now decide for new mail.
            Gateway.awaitConfigurationReloaded();
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "pest@bad.example",
                                        List.of("bob@" + domain),
                                        spam(
                                                "pest@bad.example",
                                                List.of("bob@" + domain),
                                                "Again")))
                        .startsWith("550 5.7.1");
                assertThat(
                                smtp.transaction(
                                        "friend@good.example",
                                        List.of("bob@" + domain),
                                        spam(
                                                "friend@good.example",
                                                List.of("bob@" + domain),
                                                "Welcome")))
                        .startsWith("250");
            }
            sink.awaitMessages(2, Duration.ofSeconds(20));
        }
    }

    @Test
    void aDomainLoginSeesOnlyItsOwnQuarantineAndLog() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String mine = holdingDomain(sink, "mine");
            String theirs = holdingDomain(sink, "theirs");
            long myId = hold(mine, "spammer@sender.example", List.of("bob@" + mine), "Mine");
            long theirId =
                    hold(theirs, "spammer@sender.example", List.of("bob@" + theirs), "Theirs");
            assertThat(
                            api.put(
                                            "/domains/" + mine + "/settings",
                                            "{\"password\":\"Domain-Secret-77\"}")
                                    .status())
                    .isEqualTo(200);
            Api me = new Api(mine, "Domain-Secret-77");

            assertThat(me.get("/quarantine").jsonArray())
                    .extracting(h -> h.get("domain"))
                    .containsOnly(mine);
            assertThat(me.get("/quarantine?domain=" + theirs).jsonArray()).isEmpty();
            assertThat(me.get("/quarantine/" + theirId).status()).isEqualTo(404);
            assertThat(me.post("/quarantine/" + theirId + "/release", "").status()).isEqualTo(404);
            assertThat(
                            me.get(
                                            "/quarantine/"
                                                    + theirId
                                                    + "/release-link?recipient=bob@"
                                                    + theirs)
                                    .status())
                    .isEqualTo(404);
            assertThat(me.get("/quarantine/" + theirId + "/raw").status()).isEqualTo(404);
            assertThat(
                            me.post(
                                            "/quarantine/actions",
                                            "{\"action\":\"delete\",\"ids\":[" + theirId + "]}")
                                    .jsonArray()
                                    .get(0))
                    .containsEntry("done", false);
            assertThat(api.get("/quarantine/" + theirId).status()).isEqualTo(200);

            List<Map<String, Object>> myLog = me.log();
            assertThat(myLog).isNotEmpty().extracting(e -> e.get("domain")).containsOnly(mine);
            assertThat(me.get("/log?domain=" + theirs).status()).isEqualTo(403);
            assertThat(me.log("sender", "spammer@sender.example"))
                    .extracting(e -> e.get("domain"))
                    .containsOnly(mine);
            long theirLogId = Long.parseLong(Api.id(api.log("domain", theirs).get(0).get("id")));
            assertThat(me.get("/log/" + theirLogId).status()).isEqualTo(404);

            assertThat(me.get("/quarantine/" + myId + "/raw").body()).contains("Subject: Mine");
            assertThat(me.post("/quarantine/" + myId + "/release", "").status()).isEqualTo(200);
            sink.awaitMessages(1, Duration.ofSeconds(20));
        }
    }
}
