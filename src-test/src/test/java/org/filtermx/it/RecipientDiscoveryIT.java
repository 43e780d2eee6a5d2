package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Recipient discovery (issue 20, ADR 0047) over real sockets: a hosted domain whose destination
 * ({@code smtp-sink}) accepts every address receives mail for a@, b@ and c@; a@ sends through the
 * submission port and b@ answers the mail it received (In-Reply-To). The candidates then show a@
 * and b@ with their evidence and c@ as the address that would be refused; an apply with the
 * reviewed etag makes RCPT to c@ get 550 5.1.1 while a@ still gets 250, and a second apply with the
 * stale etag is refused 409. Other tenants get 404; the console page shows the same and applies it.
 */
@GatewayTest
@RunAsClient
class RecipientDiscoveryIT {

    private static final String PASSWORD = "Outgoing-Secret-42";
    private static final String LOGIN_PASSWORD = "Domain-Login-Secret-42";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @RegisterExtension static final Resellers RESELLERS = new Resellers("Reseller-Secret-42");

    private final Api admin = Gateway.admin();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        for (String d : domains) {
            admin.delete("/domains/" + d);
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** A hosted domain routed to a catch-all sink, with its login and one outgoing user. */
    private SmtpSink catchAllDomain(String domain) throws Exception {
        SmtpSink destination = SmtpSink.start();
        resources.add(destination);
        admin.addDomain(domain, destination.port());
        domains.add(domain);
        Api.Response settings =
                admin.put(
                        "/domains/" + domain + "/settings",
                        "{\"password\":\"" + LOGIN_PASSWORD + "\"}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        Api.Response user =
                admin.post(
                        "/outgoing-users",
                        "{\"domain\":\""
                                + domain
                                + "\",\"username\":\"shop\",\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        Gateway.awaitConfigurationReloaded();
        return destination;
    }

    /** dnsmasq with {@code remote}'s MX on loopback and smtp-sink as that MX. */
    private void remoteMx(String remote) throws Exception {
        Dnsmasq dns =
                Dnsmasq.builder()
                        .mx(remote, "mx." + remote, 10)
                        .address("mx." + remote, "127.0.0.1")
                        .start();
        resources.add(dns);
        resources.add(SmtpSink.startOn(Gateway.MX_PORT));
    }

    private static void inbound(String to, String messageId) throws Exception {
        Swaks.send("someone@elsewhere.example", to, "--header", "Message-Id: <" + messageId + ">")
                .assertAccepted();
    }

    private static void awaitDelivered(String messageId) throws Exception {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status =
                    Gateway.query(
                            "SELECT status FROM message_log WHERE message_id = '"
                                    + messageId
                                    + "'");
            if (status.equals("DELIVERED")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(messageId + " not delivered: " + status);
    }

    private static Submission.Result submit(String from, String to, String extraHeaders)
            throws Exception {
        return Submission.send(
                Submission.Port.STARTTLS,
                Submission.Auth.PLAIN,
                "shop@" + from.substring(from.indexOf('@') + 1),
                PASSWORD,
                from,
                List.of(to),
                "From: <"
                        + from
                        + ">\r\nTo: <"
                        + to
                        + ">\r\nSubject: hello\r\nMessage-ID: <"
                        + tag()
                        + "@out.test>\r\n"
                        + extraHeaders
                        + "\r\nA clean message.\r\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> candidate(Map<String, Object> view, String address) {
        return ((List<Map<String, Object>>) view.get("candidates"))
                .stream()
                        .filter(c -> address.equals(c.get("address")))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no candidate " + address + ": " + view));
    }

    @SuppressWarnings("unchecked")
    private static List<String> sources(Map<String, Object> candidate) {
        return ((List<Map<String, Object>>) candidate.get("evidence"))
                .stream().map(e -> (String) e.get("source")).toList();
    }

    /** Mail for a@, b@ and c@; a@ sends, b@ answers its mail. */
    private void evidence(String domain) throws Exception {
        SmtpSink destination = catchAllDomain(domain);
        String remote = "remote-" + tag() + ".test";
        remoteMx(remote);
        String idA = tag() + "-a@elsewhere.example";
        String idB = tag() + "-b@elsewhere.example";
        inbound("a@" + domain, idA);
        inbound("b@" + domain, idB);
        inbound("c@" + domain, tag() + "-c@elsewhere.example");
        destination.awaitMessages(3, DELIVERY);
        awaitDelivered(idB);

        Submission.Result sent = submit("a@" + domain, "friend@" + remote, "");
        assertThat(sent.accepted()).as(sent.replies().toString()).isTrue();
        Submission.Result reply =
                submit(
                        "b@" + domain,
                        "someone@" + remote,
                        "In-Reply-To: <" + idB + ">\r\nReferences: <" + idB + ">\r\n");
        assertThat(reply.accepted()).as(reply.replies().toString()).isTrue();
    }

    @Test
    void learnedRecipientsAreAppliedAndUnknownOnesRefusedAtRcpt() throws Exception {
        String domain = Gateway.uniqueDomain("discovery");
        evidence(domain);
        String path = "/domains/" + domain + "/recipient-discovery";
        assertThat(Gateway.rcpt("c@" + domain)).as("catch-all before").startsWith("250");

        Api.Response got = admin.get(path);
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        Map<String, Object> view = got.json();
        assertThat(view).containsEntry("refusesUnknownRecipients", false);
        assertThat(sources(candidate(view, "a@" + domain))).contains("sender");
        assertThat(sources(candidate(view, "b@" + domain))).contains("sender", "reply");
        assertThat(view.get("resultingList").toString()).isEqualTo("[a, b]");
        assertThat(Api.id(view.get("wouldRefuseCount"))).isEqualTo("1");
        assertThat(view.get("wouldRefuseSample").toString()).contains("c@" + domain);
        String etag = (String) view.get("etag");

        Api.Response badMode = admin.post(path, "{\"mode\":\"all\",\"etag\":\"" + etag + "\"}");
        assertThat(badMode.status()).as(badMode.toString()).isEqualTo(400);
        Api.Response noEtag = admin.post(path, "{}");
        assertThat(noEtag.status()).as(noEtag.toString()).isEqualTo(400);

        Api.Response applied = admin.post(path, "{\"mode\":\"merge\",\"etag\":\"" + etag + "\"}");
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json()).containsEntry("refusesUnknownRecipients", true);
        assertThat(applied.json().get("currentList").toString()).isEqualTo("[a, b]");
        assertThat(admin.get("/domains/" + domain).json().get("localRecipients").toString())
                .isEqualTo("[a, b]");

        assertThat(Gateway.awaitRcpt("c@" + domain, "550")).startsWith("550 5.1.1");
        assertThat(Gateway.rcpt("a@" + domain)).startsWith("250");
        assertThat(Gateway.rcpt("B@" + domain)).startsWith("250");

        Api.Response stale = admin.post(path, "{\"mode\":\"merge\",\"etag\":\"" + etag + "\"}");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.body()).contains("changed since you reviewed");
    }

    @Test
    void onlyThoseWhoManageTheDomainSeeOrApplyIt() throws Exception {
        String r1 = RESELLERS.addUnique("disc-r1");
        String r2 = RESELLERS.addUnique("disc-r2");
        String d1 = "disc-one-" + tag() + ".test";
        String d2 = "disc-two-" + tag() + ".test";
        RESELLERS.as(r1).addTenantDomain(d1, 2626);
        domains.add(d1);
        RESELLERS.as(r2).addTenantDomain(d2, 2626);
        domains.add(d2);
        for (String d : List.of(d1, d2)) {
            Api.Response login =
                    admin.put(
                            "/domains/" + d + "/settings",
                            "{\"password\":\"" + LOGIN_PASSWORD + "\"}");
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
        }
        String path = "/domains/" + d1 + "/recipient-discovery";

        Api.Response own = RESELLERS.as(r1).get(path);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        String etag = (String) own.json().get("etag");
        assertThat(new Api(d1, LOGIN_PASSWORD).get(path).status()).isEqualTo(200);

        for (Api other : List.of(RESELLERS.as(r2), new Api(d2, LOGIN_PASSWORD))) {
            Api.Response read = other.get(path);
            assertThat(read.status()).as(read.toString()).isEqualTo(404);
            assertThat(read.body()).doesNotContain("candidates");
            Api.Response apply = other.post(path, "{\"etag\":\"" + etag + "\"}");
            assertThat(apply.status()).as(apply.toString()).isEqualTo(404);
        }
        assertThat(admin.get("/domains/" + d1).json().get("localRecipients").toString())
                .isEqualTo("[]");
        Api.Response nothing = RESELLERS.as(r1).post(path, "{\"etag\":\"" + etag + "\"}");
        assertThat(nothing.status()).as("nothing learned: " + nothing).isEqualTo(400);
    }

    @Test
    void theConsoleShowsTheEvidenceAndTheRiskAndAppliesThem() throws Exception {
        String domain = Gateway.uniqueDomain("discovery-console");
        evidence(domain);
        try (Browser browser = Browser.open()) {
            browser.login(domain, LOGIN_PASSWORD);
            browser.get("/console/domain.xhtml?name=" + domain);
            assertThat(browser.source())
                    .as("the domain login's menu")
                    .contains("Recipient discovery");
            browser.click("discoveryLink");
            browser.awaitText(By.id("discovery"), "a@" + domain);
            assertThat(browser.source())
                    .contains("b@" + domain)
                    .contains("mail to it was answered")
                    .contains("1 address would be refused")
                    .contains("c@" + domain)
                    .contains("Mail to every address is accepted now.");
            browser.screenshot("i20-discovery-review");

            browser.click("discovery:apply");
            browser.awaitText(By.id("discovery"), "Unknown recipients are refused now.");
            assertThat(browser.messages()).contains("now has 2 addresses");
            browser.screenshot("i20-discovery-applied");
        }
        assertThat(Gateway.awaitRcpt("c@" + domain, "550")).startsWith("550 5.1.1");
        assertThat(Gateway.rcpt("a@" + domain)).startsWith("250");
    }
}
