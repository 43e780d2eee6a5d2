package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Domain squatting (issue 11, item 2) and tenants' routes (item 11), over the API and SMTP: a
 * reseller's new domain or alias is pending and takes no mail until a DNS TXT token (the default)
 * or an administrator's approval proves control; a domain login adds no aliases; a pending claim
 * never locks the real owner out; a removed and re-added domain starts empty; and below the
 * administrators a route cannot point at loopback, link-local addresses or FilterMX itself.
 */
@GatewayTest
@RunAsClient
class DomainVerificationIT {

    private static final String PASSWORD = "Squat-Test-Pass-1";
    private static final String RELAY_REFUSAL = "550 Relay not permitted!";

    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);

    private static final Api admin = Gateway.admin();
    private static final String tag = UUID.randomUUID().toString().substring(0, 6);
    private static String squatter;
    private static String owner;

    @BeforeAll
    static void resellers() {
        squatter = "squatter-" + tag;
        owner = "owner-" + tag;
        for (String r : List.of(squatter, owner)) {
            RESELLERS.add(r);
        }
        assertThat(admin.get("/domain-verification").json()).containsEntry("method", "dns");
    }

    @Test
    void aResellersFreemailNameTakesNoMailUntilItsTxtTokenIsPublished() throws Exception {
        Api reseller = new Api(squatter, PASSWORD);
        String name = "gmail.com";
        Api.Response added = reseller.post("/domains", domain(name, "192.0.2.1", 25));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json()).containsEntry("status", "pending");
        Map<String, Object> challenge = onlyChallenge(reseller.get("/domains/" + name).json());
        assertThat(challenge)
                .containsEntry("name", "_filtermx-challenge.gmail.com")
                .containsEntry("type", "TXT");
        String value = (String) challenge.get("value");
        assertThat(value).matches("filtermx-verification=[0-9a-f]{32}");

        try (SmtpSink sink = SmtpSink.start()) {
            assertThat(
                            admin.put(
                                            "/domains/" + name + "/destinations",
                                            "[{\"host\":\"127.0.0.1\",\"port\":"
                                                    + sink.port()
                                                    + "}]")
                                    .status())
                    .isEqualTo(200);
            // Pending: refused exactly like a domain FilterMX does not host, even with a route.
            Gateway.awaitConfigurationReloaded();
            assertThat(Gateway.rcpt("someone@gmail.com")).isEqualTo(RELAY_REFUSAL);
            assertThat(Gateway.rcpt("someone@unhosted-" + tag + ".example"))
                    .isEqualTo(RELAY_REFUSAL);

            // No answer from DNS, then a record without the token: clear errors, still pending.
            Api.Response silent = reseller.post("/domains/" + name + "/verify", "{}");
            assertThat(silent.status()).isEqualTo(400);
            assertThat(silent.json().get("detail").toString())
                    .contains("DNS lookup failed")
                    .contains("_filtermx-challenge.gmail.com")
                    .contains(value);
            try (DnsResponder dns = DnsResponder.start()) {
                dns.txt(
                        "_filtermx-challenge.gmail.com",
                        "v=spf1 -all",
                        "filtermx-verification=0000");
                Api.Response wrong = reseller.post("/domains/" + name + "/verify", "{}");
                assertThat(wrong.status()).isEqualTo(400);
                assertThat(wrong.json().get("detail").toString())
                        .contains("do not hold the token")
                        .contains("filtermx-verification=0000")
                        .contains(value);
                assertThat(reseller.get("/domains/" + name).json())
                        .containsEntry("status", "pending");
                assertThat(Gateway.rcpt("someone@gmail.com")).isEqualTo(RELAY_REFUSAL);

                // The token is published: verified at once (no cache of the earlier answer).
                dns.txt("_filtermx-challenge.gmail.com", value);
                Api.Response verified = reseller.post("/domains/" + name + "/verify", "{}");
                assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
                assertThat(verified.json()).containsEntry("status", "active");
                assertThat(verified.json().get("verification")).isNull();
            }
            assertThat(Gateway.awaitRcpt("someone@gmail.com", "250")).startsWith("250");
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "friend@sender.example",
                                        List.of("someone@gmail.com"),
                                        SmtpConversation.message(
                                                "friend@sender.example",
                                                "someone@gmail.com",
                                                "<" + UUID.randomUUID() + "@sender.example>",
                                                "Verified " + tag)))
                        .startsWith("250");
            }
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(30)))
                    .anyMatch(m -> m.contains("Verified " + tag));
        } finally {
            admin.delete("/domains/" + name);
        }
    }

    @Test
    void aPendingAliasTakesNoMailAndDomainLoginsAddNone() throws Exception {
        Api reseller = new Api(owner, PASSWORD);
        String name = Gateway.uniqueDomain("aliased");
        String alias = "googlemail-" + tag + ".com";
        try (SmtpSink sink = SmtpSink.start()) {
            reseller.addTenantDomain(name, sink.port());
            assertThat(
                            admin.put(
                                            "/domains/" + name + "/settings",
                                            "{\"password\":\"" + PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
            Api.Response byLogin =
                    new Api(name, PASSWORD)
                            .post("/domains/" + name + "/aliases", "{\"alias\":\"" + alias + "\"}");
            assertThat(byLogin.status()).isEqualTo(403);
            assertThat(byLogin.json()).containsKey("error").containsKey("detail");

            Api.Response added =
                    reseller.post("/domains/" + name + "/aliases", "{\"alias\":\"" + alias + "\"}");
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            assertThat(added.json())
                    .containsEntry("status", "active")
                    .containsEntry("aliases", List.of())
                    .containsEntry("pendingAliases", List.of(alias));
            assertThat(onlyChallenge(added.json()))
                    .containsEntry("name", "_filtermx-challenge." + alias);
            Gateway.awaitConfigurationReloaded();
            assertThat(Gateway.rcpt("bob@" + alias)).isEqualTo(RELAY_REFUSAL);
            assertThat(Gateway.rcpt("bob@" + name)).startsWith("250");

            assertThat(reseller.post("/domains/" + name + "/approve", "{}").status())
                    .isEqualTo(403);
            admin.approve(name);
            assertThat(admin.get("/domains/" + name).json())
                    .containsEntry("aliases", List.of(alias))
                    .containsEntry("pendingAliases", List.of());
            assertThat(Gateway.awaitRcpt("bob@" + alias, "250")).startsWith("250");
        } finally {
            admin.delete("/domains/" + name);
        }
    }

    @Test
    void inApprovalModeOnlyAnAdministratorActivatesAResellersDomain() throws Exception {
        Api reseller = new Api(owner, PASSWORD);
        String name = Gateway.uniqueDomain("approval");
        assertThat(reseller.put("/domain-verification", "{\"method\":\"approval\"}").status())
                .isEqualTo(403);
        assertThat(admin.put("/domain-verification", "{\"method\":\"by-mail\"}").status())
                .isEqualTo(400);
        assertThat(admin.put("/domain-verification", "{\"method\":\"approval\"}").json())
                .containsEntry("method", "approval");
        try {
            assertThat(reseller.post("/domains", domain(name, "192.0.2.1", 25)).status())
                    .isEqualTo(201);
            Map<String, Object> pending = reseller.get("/domains/" + name).json();
            assertThat(pending).containsEntry("status", "pending");
            @SuppressWarnings("unchecked")
            Map<String, Object> verification = (Map<String, Object>) pending.get("verification");
            assertThat(verification).containsEntry("method", "approval");
            assertThat(verification.get("message").toString())
                    .contains("until an administrator approves");

            Api.Response verify = reseller.post("/domains/" + name + "/verify", "{}");
            assertThat(verify.status()).isEqualTo(409);
            assertThat(verify.json().get("detail").toString()).contains("ask your administrator");
            Gateway.awaitConfigurationReloaded();
            assertThat(Gateway.rcpt("carol@" + name)).isEqualTo(RELAY_REFUSAL);

            admin.approve(name);
            assertThat(Gateway.awaitRcpt("carol@" + name, "250")).startsWith("250");
            // An administrator's own domains are active at once, in either mode.
            String direct = Gateway.uniqueDomain("direct");
            admin.addDomain(direct, 2626);
            assertThat(admin.get("/domains/" + direct).json()).containsEntry("status", "active");
            admin.delete("/domains/" + direct);
        } finally {
            assertThat(admin.put("/domain-verification", "{\"method\":\"dns\"}").status())
                    .isEqualTo(200);
            admin.delete("/domains/" + name);
        }
    }

    @Test
    void aPendingClaimDoesNotLockTheRealOwnerOut() {
        String name = Gateway.uniqueDomain("brand-new");
        Api squat = new Api(squatter, PASSWORD);
        Api real = new Api(owner, PASSWORD);
        assertThat(squat.post("/domains", domain(name, "192.0.2.66", 25)).status()).isEqualTo(201);
        assertThat(squat.post("/domains", domain(name, "192.0.2.66", 25)).status())
                .as("the same tenant is told to verify")
                .isEqualTo(409);

        Api.Response claimed = real.post("/domains", domain(name, "192.0.2.10", 25));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        assertThat(squat.get("/domains/" + name).status()).isEqualTo(404);
        assertThat(real.get("/domains/" + name).json()).containsEntry("status", "pending");
        admin.approve(name);
        // Once active, the name is taken for everyone else.
        assertThat(squat.post("/domains", domain(name, "192.0.2.66", 25)).status()).isEqualTo(409);
        assertThat(squat.post("/domains", domain("other-" + name, "192.0.2.66", 25)).status())
                .isEqualTo(201);
        assertThat(
                        squat.post(
                                        "/domains/other-" + name + "/aliases",
                                        "{\"alias\":\"" + name + "\"}")
                                .status())
                .isEqualTo(409);
        admin.delete("/domains/" + name);
        admin.delete("/domains/other-" + name);
    }

    @Test
    void aReAddedDomainShowsNothingOfThePreviousTenant() throws Exception {
        String name = Gateway.uniqueDomain("reused");
        Api first = new Api(owner, PASSWORD);
        Api second = new Api(squatter, PASSWORD);
        try (SmtpSink sink = SmtpSink.start()) {
            first.addTenantDomain(name, sink.port());
            assertThat(
                            admin.put(
                                            "/domains/" + name + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            first.post(
                                            "/domains/" + name + "/users",
                                            "{\"address\":\"ann@" + name + "\"}")
                                    .status())
                    .isEqualTo(201);
            assertThat(
                            first.post(
                                            "/lists",
                                            "{\"owner\":\""
                                                    + name
                                                    + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"first-"
                                                    + tag
                                                    + ".example\"}")
                                    .status())
                    .isEqualTo(201);
            assertThat(
                            first.post(
                                            "/lists",
                                            "{\"owner\":\"ann@"
                                                    + name
                                                    + "\",\"action\":\"BLOCK\",\"matchOn\":\"SENDER\",\"pattern\":\"ann-"
                                                    + tag
                                                    + ".example\"}")
                                    .status())
                    .isEqualTo(201);
            Gateway.awaitConfigurationReloaded();
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "spammer@sender.example",
                                        List.of("ann@" + name),
                                        "From: spammer@sender.example\r\nTo: ann@"
                                                + name
                                                + "\r\nSubject: Old "
                                                + tag
                                                + "\r\nMessage-ID: <"
                                                + UUID.randomUUID()
                                                + "@sender.example>\r\n\r\n"
                                                + FilteringIT.GTUBE
                                                + "\r\n"))
                        .startsWith("250");
            }
            List<Map<String, Object>> held = List.of();
            for (int i = 0; i < 50 && held.isEmpty(); i++) {
                held = first.get("/quarantine?domain=" + name).jsonArray();
                Thread.sleep(200);
            }
            assertThat(held).hasSize(1);
            assertThat(first.get("/log?domain=" + name).jsonArray()).isNotEmpty();

            assertThat(first.delete("/domains/" + name).status()).isEqualTo(204);
            assertThat(second.post("/domains", domain(name, "192.0.2.1", 25)).status())
                    .isEqualTo(201);
            admin.approve(name);

            assertThat(second.get("/quarantine?domain=" + name).jsonArray()).isEmpty();
            assertThat(second.get("/quarantine").body()).doesNotContain("Old " + tag);
            assertThat(second.get("/log?domain=" + name).jsonArray()).isEmpty();
            assertThat(second.get("/lists?owner=" + name).body()).doesNotContain("first-" + tag);
            assertThat(second.get("/domains/" + name + "/users").jsonArray()).isEmpty();
            assertThat(admin.get("/lists").body())
                    .doesNotContain("first-" + tag)
                    .doesNotContain("ann-" + tag);
            assertThat(admin.get("/domains/" + name + "/filter-policy").body())
                    .doesNotContain("5000");
            assertThat(admin.get("/users/ann@" + name).status()).isEqualTo(404);
        } finally {
            admin.delete("/domains/" + name);
        }
    }

    @Test
    void routesBelowTheAdministratorsStayOffLoopbackLinkLocalAndFilterMxItself() {
        Api reseller = new Api(owner, PASSWORD);
        for (String host :
                List.of(
                        "127.0.0.1",
                        "127.9.9.9",
                        "[::1]",
                        "::ffff:127.0.0.1",
                        "localhost",
                        "mx.localhost",
                        "169.254.169.254",
                        "0.0.0.0",
                        "224.0.0.5")) {
            Api.Response r =
                    reseller.post("/domains", domain(Gateway.uniqueDomain("route"), host, 25));
            assertThat(r.status()).as(host + ": " + r).isEqualTo(400);
            assertThat(r.json().get("detail").toString())
                    .as(host)
                    .contains("is not allowed")
                    .contains("only an administrator can set it");
        }
        String name = Gateway.uniqueDomain("routes");
        assertThat(reseller.post("/domains", domain(name, "192.0.2.1", 25)).status())
                .isEqualTo(201);
        Api.Response ownPort =
                reseller.put(
                        "/domains/" + name + "/destinations",
                        "[{\"host\":\"127.0.0.1\",\"port\":" + Gateway.SMTP_PORT + "}]");
        assertThat(ownPort.status()).isEqualTo(400);
        assertThat(ownPort.json().get("detail").toString()).contains("loopback");
        assertThat(reseller.get("/domains/" + name).body()).contains("192.0.2.1");
        assertThat(
                        admin.put(
                                        "/domains/" + name + "/destinations",
                                        "[{\"host\":\"127.0.0.1\",\"port\":2626}]")
                                .status())
                .as("an administrator may")
                .isEqualTo(200);
        admin.delete("/domains/" + name);
    }

    private static String domain(String name, String host, int port) {
        return "{\"name\":\""
                + name
                + "\",\"destinations\":[{\"host\":\""
                + host
                + "\",\"port\":"
                + port
                + "}]}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyChallenge(Map<String, Object> details) {
        Map<String, Object> verification = (Map<String, Object>) details.get("verification");
        assertThat(verification).as(details.toString()).isNotNull().containsEntry("method", "dns");
        List<Map<String, Object>> records = (List<Map<String, Object>>) verification.get("records");
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
