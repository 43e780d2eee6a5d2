package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenancy over the API, endpoint by endpoint: resellers, sub-resellers, domain logins and email
 * users each see and change their own data and nothing of anyone else's, whatever the endpoint.
 * Another tenant's domain, held message, log entry, user, reseller or token is answered as if it
 * did not exist (404), a log search naming another tenant's domain with 403, and listings simply
 * leave it out.
 */
@GatewayTest
@RunAsClient
class TenancyIT {

    private static final String PASSWORD = "Tenant-Secret-42";
    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);
    private static final Api admin = Gateway.admin();
    private static final String tag = UUID.randomUUID().toString().substring(0, 6);

    private static SmtpSink sink;
    private static String r1, r2, sub;
    private static String domainA, domainB, domainC;
    private static long heldA;
    private static long logA;

    @BeforeAll
    static void tenants() throws Exception {
        sink = SmtpSink.start();
        r1 = "r1-" + tag;
        r2 = "r2-" + tag;
        sub = "r1sub-" + tag;
        assertThat(admin.post("/resellers", RESELLERS.body(r1)).status()).isEqualTo(201);
        assertThat(admin.post("/resellers", RESELLERS.body(r2)).status()).isEqualTo(201);
        assertThat(as(r1).post("/resellers", RESELLERS.body(sub)).status()).isEqualTo(201);

        domainA = Gateway.uniqueDomain("ta");
        domainB = Gateway.uniqueDomain("tb");
        domainC = Gateway.uniqueDomain("tc");
        addDomain(as(r1), domainA);
        addDomain(as(r2), domainB);
        addDomain(as(sub), domainC);
        for (String d : List.of(domainA, domainB)) {
            assertThat(
                            admin.put(
                                            "/domains/" + d + "/settings",
                                            "{\"password\":\"" + PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            admin.put(
                                            "/domains/" + d + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            admin.post(
                                            "/domains/" + d + "/users",
                                            "{\"address\":\"user@"
                                                    + d
                                                    + "\",\"password\":\""
                                                    + PASSWORD
                                                    + "\"}")
                                    .status())
                    .isEqualTo(201);
        }
        Gateway.awaitConfigurationReloaded();
        heldA = hold(domainA, "user@" + domainA);
        hold(domainB, "user@" + domainB);
        logA = Long.parseLong(Api.id(admin.log("domain", domainA).get(0).get("id")));
    }

    @AfterAll
    static void stopSink() throws InterruptedException {
        sink.close();
    }

    private static Api as(String user) {
        return new Api(user, PASSWORD);
    }

    /** A reseller's domain, approved by the administrator so that it takes mail (ADR 0014). */
    private static void addDomain(Api api, String domain) {
        api.addTenantDomain(domain, sink.port());
    }

    private static long hold(String domain, String rcpt) throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            String content =
                    "From: spammer@sender.example\r\nTo: "
                            + rcpt
                            + "\r\nSubject: Tenancy "
                            + domain
                            + "\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <"
                            + UUID.randomUUID()
                            + "@sender.example>\r\n\r\n"
                            + FilteringIT.GTUBE
                            + "\r\n";
            assertThat(smtp.transaction("spammer@sender.example", List.of(rcpt), content))
                    .startsWith("250");
        }
        List<Map<String, Object>> held = List.of();
        for (int i = 0; i < 50 && held.isEmpty(); i++) {
            held = admin.get("/quarantine?domain=" + domain).jsonArray();
            Thread.sleep(200);
        }
        assertThat(held).hasSize(1);
        return Long.parseLong(Api.id(held.get(0).get("id")));
    }

    /** Every call that reads or changes domain A's data, as another tenant would make it. */
    private static void assertLockedOutOfDomainA(Api other) {
        String d = "/domains/" + domainA;
        assertThat(other.get(d).status()).isEqualTo(404);
        assertThat(other.delete(d).status()).isIn(403, 404);
        // Domain logins add no aliases at all (403); resellers do not see domain A (404).
        assertThat(other.post(d + "/aliases", "{\"alias\":\"x-" + tag + ".test\"}").status())
                .isIn(403, 404);
        assertThat(other.put(d + "/destinations", "[{\"host\":\"10.0.0.1\",\"port\":25}]").status())
                .isEqualTo(404);
        assertThat(other.put(d + "/local-recipients", "[\"info\"]").status()).isEqualTo(404);
        assertThat(other.put(d + "/settings", "{\"catchAll\":true}").status()).isEqualTo(404);
        assertThat(other.get(d + "/filter-policy").status()).isEqualTo(404);
        assertThat(other.put(d + "/filter-policy", "{\"quarantineThreshold\":1.0}").status())
                .isEqualTo(404);
        assertThat(other.get("/lists?owner=" + domainA).status()).isEqualTo(404);
        assertThat(
                        other.post(
                                        "/lists",
                                        "{\"owner\":\""
                                                + domainA
                                                + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"evil.example\"}")
                                .status())
                .isEqualTo(404);
        assertThat(
                        other.post(
                                        "/lists",
                                        "{\"owner\":\"user@"
                                                + domainA
                                                + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"evil.example\"}")
                                .status())
                .isEqualTo(404);
        assertThat(other.get(d + "/users").status()).isEqualTo(404);
        assertThat(other.post(d + "/users", "{\"address\":\"new@" + domainA + "\"}").status())
                .isEqualTo(404);
        assertThat(other.postCsv(d + "/users/import", "evil@" + domainA + "\n").status())
                .isEqualTo(404);
        assertThat(other.get("/users/user@" + domainA).status()).isEqualTo(404);
        assertThat(other.delete("/users/user@" + domainA).status()).isEqualTo(404);
        assertThat(other.get("/quarantine?domain=" + domainA).jsonArray()).isEmpty();
        assertThat(other.get("/quarantine").jsonArray())
                .extracting(h -> h.get("domain"))
                .doesNotContain(domainA);
        assertThat(other.get("/quarantine/" + heldA).status()).isEqualTo(404);
        assertThat(other.get("/quarantine/" + heldA + "/raw").status()).isEqualTo(404);
        assertThat(
                        other.get(
                                        "/quarantine/"
                                                + heldA
                                                + "/release-link?recipient=user@"
                                                + domainA)
                                .status())
                .isEqualTo(404);
        for (String action :
                List.of(
                        "release",
                        "release-and-train",
                        "allow-and-release",
                        "block-and-delete",
                        "delete",
                        "train-spam")) {
            assertThat(other.post("/quarantine/" + heldA + "/" + action, "").status())
                    .as(action)
                    .isEqualTo(404);
        }
        assertThat(other.delete("/quarantine/" + heldA).status()).isEqualTo(404);
        assertThat(
                        other.post(
                                        "/quarantine/actions",
                                        "{\"action\":\"delete\",\"ids\":[" + heldA + "]}")
                                .jsonArray()
                                .get(0))
                .containsEntry("done", false);
        assertThat(other.get("/log?domain=" + domainA).status()).isEqualTo(403);
        assertThat(other.get("/log").jsonArray())
                .extracting(e -> e.get("domain"))
                .doesNotContain(domainA);
        assertThat(other.get("/log?recipient=user@" + domainA).jsonArray()).isEmpty();
        assertThat(other.get("/log/" + logA).status()).isEqualTo(404);
        Api.Response domains = other.get("/domains");
        if (domains.status() == 200) {
            assertThat(domains.jsonArray()).extracting(e -> e.get("name")).doesNotContain(domainA);
        } else {
            assertThat(domains.status()).isEqualTo(403);
        }
        assertThat(other.get("/dashboard").status()).isEqualTo(200);
        assertThat(other.get("/filter-policy").status()).isEqualTo(403);
        assertThat(other.put("/filter-policy", "{\"quarantineThreshold\":1.0}").status())
                .isEqualTo(403);
        assertThat(other.get("/lists").status()).isEqualTo(403);
    }

    @Test
    void anotherResellerIsLockedOut() {
        assertLockedOutOfDomainA(as(r2));
        assertThat(as(r2).get("/resellers").jsonArray())
                .extracting(r -> r.get("username"))
                .doesNotContain(r1, sub);
        assertThat(as(r2).delete("/resellers/" + r1).status()).isEqualTo(404);
        assertThat(as(r2).delete("/resellers/" + sub).status()).isEqualTo(404);
        assertThat(
                        as(r2).put(
                                        "/resellers/" + r1 + "/password",
                                        "{\"password\":\"Stolen-Pass-123\"}")
                                .status())
                .isEqualTo(404);
    }

    @Test
    void anotherDomainLoginIsLockedOut() {
        assertLockedOutOfDomainA(as(domainB));
        assertThat(as(domainB).get("/resellers").status()).isEqualTo(403);
        assertThat(
                        as(domainB)
                                .post(
                                        "/domains",
                                        "{\"name\":\"grab-"
                                                + tag
                                                + ".test\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":25}]}")
                                .status())
                .isEqualTo(403);
    }

    @Test
    void anEmailUserOfAnotherDomainIsLockedOut() {
        assertLockedOutOfDomainA(as("user@" + domainB));
    }

    @Test
    void aSubResellerDoesNotSeeItsParentsDomains() {
        assertLockedOutOfDomainA(as(sub));
        assertThat(as(sub).get("/domains").jsonArray())
                .extracting(e -> e.get("name"))
                .containsExactly(domainC);
    }

    @Test
    void aResellerManagesItsOwnAndItsSubResellersDomains() {
        Api reseller = as(r1);
        assertThat(reseller.get("/domains").jsonArray())
                .extracting(e -> e.get("name"))
                .containsExactlyInAnyOrder(domainA, domainC);
        assertThat(reseller.get("/domains/" + domainC).status()).isEqualTo(200);
        assertThat(reseller.get("/resellers").jsonArray())
                .extracting(r -> r.get("username"))
                .containsExactly(sub);
        assertThat(reseller.get("/quarantine/" + heldA).status()).isEqualTo(200);
        assertThat(reseller.get("/log?domain=" + domainA).jsonArray()).isNotEmpty();
        assertThat(reseller.get("/domains/" + domainB).status()).isEqualTo(404);
        assertThat(reseller.delete("/resellers/" + sub).status())
                .isEqualTo(409); // still owns domain C
        assertThat(admin.get("/resellers").jsonArray())
                .extracting(r -> r.get("username"))
                .contains(r1, r2, sub);
    }

    @Test
    void aDomainLoginManagesItsOwnDomainButNotItsExistence() {
        Api domain = as(domainA);
        assertThat(domain.get("/domains").jsonArray())
                .extracting(e -> e.get("name"))
                .containsExactly(domainA);
        assertThat(domain.put("/domains/" + domainA + "/local-recipients", "[]").status())
                .isEqualTo(200);
        assertThat(domain.get("/domains/" + domainA + "/users").jsonArray())
                .extracting(u -> u.get("address"))
                .contains("user@" + domainA);
        assertThat(domain.delete("/domains/" + domainA).status()).isEqualTo(403);
        Api.Response alias =
                domain.post(
                        "/domains/" + domainA + "/aliases",
                        "{\"alias\":\"own-alias-" + tag + ".test\"}");
        assertThat(alias.status())
                .as("domain logins cannot claim names through aliases")
                .isEqualTo(403);
        assertThat(alias.json()).containsKey("error");
        assertThat(domain.get("/quarantine").jsonArray())
                .extracting(h -> h.get("domain"))
                .containsOnly(domainA);
    }

    @Test
    void anEmailUserSeesOnlyItsOwnMail() {
        Api user = as("user@" + domainA);
        assertThat(user.get("/quarantine").jsonArray())
                .extracting(h -> Api.id(h.get("id")))
                .containsExactly(Long.toString(heldA));
        assertThat(user.get("/log").jsonArray())
                .allSatisfy(
                        e ->
                                assertThat(e.get("recipients").toString())
                                        .contains("user@" + domainA));
        assertThat(user.get("/log?recipient=other@" + domainA).jsonArray()).isEmpty();
        assertThat(user.get("/domains").status()).isEqualTo(403);
        assertThat(user.get("/domains/" + domainA + "/users").status()).isEqualTo(404);
        assertThat(user.get("/users/user@" + domainA).status()).isEqualTo(200);
        assertThat(
                        user.post(
                                        "/lists",
                                        "{\"owner\":\"user@"
                                                + domainA
                                                + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"friend.example\"}")
                                .status())
                .isEqualTo(201);
        assertThat(
                        user.post(
                                        "/lists",
                                        "{\"owner\":\""
                                                + domainA
                                                + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"friend.example\"}")
                                .status())
                .isEqualTo(404);
    }

    @Test
    void tokensActAsTheirAccountAndOnlyItsOwnerRevokesThem() {
        Api.Response made =
                as(r1).post("/tokens", "{\"name\":\"panel\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String secret = (String) made.json().get("secret");
        @SuppressWarnings("unchecked")
        String id = Api.id(((Map<String, Object>) made.json().get("token")).get("id"));
        Api bearer = Api.withAuthorization("Bearer " + secret);
        assertThat(bearer.get("/me").json())
                .containsEntry("username", r1)
                .containsEntry("role", "RESELLER");
        assertThat(bearer.get("/domains").jsonArray())
                .extracting(e -> e.get("name"))
                .contains(domainA);
        assertThat(as(r2).delete("/tokens/" + id).status()).isEqualTo(404);
        assertThat(as(r2).get("/tokens").jsonArray()).isEmpty();
        assertThat(
                        as(r1).send(
                                        "DELETE",
                                        "/tokens/" + id,
                                        "{\"password\":\"" + PASSWORD + "\"}")
                                .status())
                .isEqualTo(204);
        assertThat(bearer.get("/me").status()).isEqualTo(401);
        assertThat(Api.withAuthorization("Bearer fmx_forged").get("/me").status()).isEqualTo(401);
    }

    @Test
    void csvImportReportsBadLinesAndImportsTheRest() throws InterruptedException {
        Api.Response r =
                as(r1).postCsv(
                                "/domains/" + domainA + "/users/import",
                                "address,password,frequency,format\n"
                                        + "ann@"
                                        + domainA
                                        + ",,daily,pdf\n"
                                        + "not-an-address\n"
                                        + "bob@elsewhere.example\n"
                                        + "cy@"
                                        + domainA
                                        + ",,hourly\n"
                                        + "dee@"
                                        + domainA
                                        + "\n");
        // The import runs in the background: 202 with a job, polled until it is done.
        Map<String, Object> result = UserImportIT.awaitImport(as(r1), r);
        assertThat(result.get("added")).isEqualTo(2.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertThat(errors).extracting(e -> e.get("line")).containsExactly(3.0, 4.0, 5.0);
        assertThat(errors.get(2).get("error").toString()).contains("never, daily or weekly");
        assertThat(as(r1).get("/users/ann@" + domainA).json())
                .containsEntry("reportFrequency", "daily")
                .containsEntry("reportFormat", "pdf");
    }

    @Test
    void bruteForceIsThrottledAlikeForKnownAndUnknownUsers() {
        String target = "r3-" + tag;
        assertThat(admin.post("/resellers", RESELLERS.body(target)).status()).isEqualTo(201);
        String unknown = "nobody-" + tag;
        for (int i = 0; i < 5; i++) {
            assertThat(new Api(target, "wrong-password-" + i).get("/me").status()).isEqualTo(401);
            assertThat(new Api(unknown, "wrong-password-" + i).get("/me").status()).isEqualTo(401);
        }
        Api.Response known = new Api(target, "wrong-again-1").get("/me");
        Api.Response nobody = new Api(unknown, "wrong-again-1").get("/me");
        assertThat(known.status()).isEqualTo(429);
        assertThat(nobody.status()).isEqualTo(429);
        assertThat(known.header("Retry-After")).isNotNull();
        assertThat(known.body().replaceAll("\\d+", "N"))
                .isEqualTo(nobody.body().replaceAll("\\d+", "N"));
        // Even the right password waits until the lock ends.
        assertThat(as(target).get("/me").status()).isEqualTo(429);
    }
}
