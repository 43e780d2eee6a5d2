package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
 * The what-if policy tester over real mail and the real API on MariaDB: a domain receives clean
 * mail and GTUBE spam through the SMTP port, then proposed thresholds and sender list entries are
 * tried on its log, and the 3×3 matrix, samples and refusals are what a domain owner would see;
 * nothing is saved. The console page is shown in headless Chromium (screenshot {@code
 * i20-whatif-domain}).
 */
@GatewayTest
@RunAsClient
class WhatIfIT {

    private static final String LOGIN_PASSWORD = "WhatIf-Login-Secret-42";

    @RegisterExtension static final Resellers RESELLERS = new Resellers("WhatIf-Reseller-42");

    private final Api admin = Gateway.admin();
    private final List<String> domains = new ArrayList<>();

    @AfterEach
    void removeDomains() {
        for (String d : domains) {
            admin.delete("/domains/" + d);
        }
    }

    private String domainWithLogin(String prefix) throws Exception {
        String d = Gateway.uniqueDomain(prefix);
        admin.addDomain(d, SmtpSink.freePort());
        domains.add(d);
        Api.Response password =
                admin.put(
                        "/domains/" + d + "/settings", "{\"password\":\"" + LOGIN_PASSWORD + "\"}");
        assertThat(password.status()).as(password.toString()).isEqualTo(200);
        return d;
    }

    private static String thresholds(double hold, double refuse) {
        return "\"quarantineThreshold\":" + hold + ",\"rejectThreshold\":" + refuse;
    }

    @SuppressWarnings("unchecked")
    private static List<List<Long>> matrix(Api.Response r) {
        List<List<Object>> raw = (List<List<Object>>) r.json().get("matrix");
        return raw.stream()
                .map(row -> row.stream().map(c -> Long.parseLong(Api.id(c))).toList())
                .toList();
    }

    /** Sends the test mail: three clean messages and two GTUBE spams, and waits for their log. */
    private void receiveMail(Api login, String domain, String cleanSender, String spamSender)
            throws Exception {
        for (int i = 1; i <= 3; i++) {
            Swaks.send(
                            cleanSender,
                            "bob@" + domain,
                            "--header",
                            "Subject: what-if clean " + i,
                            "--body",
                            "Lunch on Friday? Message " + i + ".")
                    .assertAccepted();
        }
        for (int i = 1; i <= 2; i++) {
            Swaks.send(
                            spamSender,
                            "bob@" + domain,
                            "--header",
                            "Subject: what-if spam " + i,
                            "--body",
                            FilteringIT.GTUBE)
                    .assertAccepted();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String same = "{" + thresholds(5.0, 5000.0) + "}";
        while (true) {
            Api.Response r = login.post("/domains/" + domain + "/what-if", same);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            if (Long.parseLong(Api.id(r.json().get("messages"))) >= 5
                    || Instant.now().isAfter(deadline)) {
                return;
            }
            Thread.sleep(250);
        }
    }

    @Test
    void showsWhatProposedThresholdsAndListsWouldHaveDoneWithoutSavingThem() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String domain = domainWithLogin("whatif");
        HeldMessages.holdSpam(domain);
        Api.Response password =
                admin.put(
                        "/domains/" + domain + "/settings",
                        "{\"password\":\"" + LOGIN_PASSWORD + "\"}");
        assertThat(password.status()).isEqualTo(200);
        Api login = new Api(domain, LOGIN_PASSWORD);
        String cleanSender = "friend@clean-" + tag + ".example";
        String spamSender = "bulk@spam-" + tag + ".example";
        receiveMail(login, domain, cleanSender, spamSender);

        // The settings in force: three delivered, two held, nothing moves.
        Api.Response same =
                login.post("/domains/" + domain + "/what-if", "{" + thresholds(5.0, 5000.0) + "}");
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(matrix(same))
                .containsExactly(List.of(3L, 0L, 0L), List.of(0L, 2L, 0L), List.of(0L, 0L, 0L));
        assertThat(Api.id(same.json().get("moved"))).isEqualTo("0");
        assertThat((List<?>) same.json().get("samples")).isEmpty();

        // Hold everything and refuse from 500: clean mail would be held, the spam refused.
        Api.Response stricter =
                login.post("/domains/" + domain + "/what-if", "{" + thresholds(-100, 500) + "}");
        assertThat(stricter.status()).as(stricter.toString()).isEqualTo(200);
        assertThat(matrix(stricter))
                .containsExactly(List.of(0L, 3L, 0L), List.of(0L, 0L, 2L), List.of(0L, 0L, 0L));
        assertThat(Api.id(stricter.json().get("moved"))).isEqualTo("5");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples =
                (List<Map<String, Object>>) stricter.json().get("samples");
        assertThat(samples).hasSize(5);
        assertThat(samples)
                .filteredOn(s -> "HELD".equals(s.get("from")))
                .extracting(s -> s.get("to"), s -> s.get("sender"))
                .containsOnly(org.assertj.core.groups.Tuple.tuple("REFUSED", spamSender));
        assertThat(samples)
                .extracting(s -> String.valueOf(s.get("subject")))
                .contains("what-if clean 1", "what-if spam 2");
        assertThat(samples).allSatisfy(s -> assertThat(s.get("queueId")).isNotNull());

        // A sender block on the clean sender's domain: its mail would be refused.
        Api.Response block =
                login.post(
                        "/domains/" + domain + "/what-if",
                        "{"
                                + thresholds(5.0, 5000.0)
                                + ",\"addListEntries\":[{\"action\":\"block\",\"matchOn\":\"sender\","
                                + "\"pattern\":\"clean-"
                                + tag
                                + ".example\"}]}");
        assertThat(block.status()).as(block.toString()).isEqualTo(200);
        assertThat(matrix(block))
                .containsExactly(List.of(0L, 0L, 3L), List.of(0L, 2L, 0L), List.of(0L, 0L, 0L));

        // And an allow entry for the spammer: its held mail would be delivered.
        Api.Response allow =
                login.post(
                        "/domains/" + domain + "/what-if",
                        "{"
                                + thresholds(5.0, 5000.0)
                                + ",\"addListEntries\":[{\"action\":\"ALLOW\",\"matchOn\":\"SENDER\","
                                + "\"pattern\":\""
                                + spamSender
                                + "\"}]}");
        assertThat(matrix(allow))
                .containsExactly(List.of(3L, 0L, 0L), List.of(2L, 0L, 0L), List.of(0L, 0L, 0L));

        // Nothing was saved.
        Map<String, Object> policy = admin.get("/domains/" + domain + "/filter-policy").json();
        assertThat(String.valueOf(policy.get("rejectThreshold"))).startsWith("5000");
        assertThat(admin.get("/lists?owner=" + domain).jsonArray()).isEmpty();

        // A held message's page says from which threshold it would have been delivered.
        List<Map<String, Object>> held = admin.get("/quarantine?domain=" + domain).jsonArray();
        assertThat(held).hasSize(2);
        Map<String, Object> details =
                login.get("/quarantine/" + Api.id(held.get(0).get("id"))).json();
        double score = ((Number) ((Map<?, ?>) details.get("message")).get("score")).doubleValue();
        assertThat(((Number) details.get("deliveredAtThreshold")).doubleValue())
                .isGreaterThan(score)
                .isLessThanOrEqualTo(score + 0.1);

        // The console page, as the domain owner sees it.
        try (Browser b = Browser.open()) {
            b.desktop();
            b.login(domain, LOGIN_PASSWORD);
            b.get("/console/whatif.xhtml");
            b.typeNumber("whatif:quarantineThreshold", -100);
            b.typeNumber("whatif:rejectThreshold", 500);
            b.click("whatif:simulate");
            b.awaitText(By.id("summary"), "5 would end up differently");
            assertThat(b.find(By.id("matrix")).getText()).contains("Held").contains("Refused");
            assertThat(b.find(By.id("whatif:samples")).getText())
                    .contains(spamSender)
                    .contains("what-if clean");
            b.screenshot("i20-whatif-domain");
        }
    }

    @Test
    void refusesChangesTheLogCannotAnswerWithAClearError() throws Exception {
        String domain = domainWithLogin("whatif-bad");
        Api login = new Api(domain, LOGIN_PASSWORD);
        Api.Response scanners =
                login.post(
                        "/domains/" + domain + "/what-if",
                        "{" + thresholds(5, 15) + ",\"disabledScanners\":[\"bayes\"]}");
        assertThat(scanners.status()).isEqualTo(400);
        assertThat(String.valueOf(scanners.json().get("detail")))
                .contains("disabledScanners")
                .contains("only thresholds and sender list entries are simulated");
        Api.Response recipient =
                login.post(
                        "/domains/" + domain + "/what-if",
                        "{\"addListEntries\":[{\"action\":\"BLOCK\",\"matchOn\":\"RECIPIENT\","
                                + "\"pattern\":\"bob@"
                                + domain
                                + "\"}]}");
        assertThat(recipient.status()).isEqualTo(400);
        assertThat(String.valueOf(recipient.json().get("detail"))).contains("sender list entries");
        // The same rules as saving: a reject threshold below the hold threshold is refused.
        Api.Response inverted =
                login.post("/domains/" + domain + "/what-if", "{" + thresholds(9, 3) + "}");
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(String.valueOf(inverted.json().get("detail")))
                .contains("must not be below the quarantine threshold");
        Api.Response pattern =
                login.post(
                        "/domains/" + domain + "/what-if",
                        "{\"addListEntries\":[{\"action\":\"BLOCK\",\"matchOn\":\"SENDER\","
                                + "\"pattern\":\"a b\"}]}");
        assertThat(pattern.status()).isEqualTo(400);
        assertThat(login.post("/domains/" + domain + "/what-if", "").status()).isEqualTo(400);
    }

    @Test
    void onlyThoseWhoManageADomainMayTryItsSettingsAndOnlyAdministratorsTheClusters()
            throws Exception {
        String own = domainWithLogin("whatif-own");
        String other = domainWithLogin("whatif-other");
        Api otherLogin = new Api(other, LOGIN_PASSWORD);
        String body = "{" + thresholds(5, 15) + "}";

        assertThat(otherLogin.post("/domains/" + own + "/what-if", body).status()).isEqualTo(404);
        assertThat(otherLogin.post("/domains/" + other + "/what-if", body).status()).isEqualTo(200);
        assertThat(otherLogin.post("/what-if", body).status()).isEqualTo(403);

        String reseller = RESELLERS.addUnique("whatif-r");
        Api asReseller = RESELLERS.as(reseller);
        assertThat(asReseller.post("/domains/" + own + "/what-if", body).status()).isEqualTo(404);
        assertThat(asReseller.post("/what-if", body).status()).isEqualTo(403);

        String user = HeldMessages.addUser(own, "carol");
        Api asUser = new Api(user, HeldMessages.USER_PASSWORD);
        assertThat(asUser.post("/domains/" + own + "/what-if", body).status()).isEqualTo(404);
        assertThat(asUser.post("/what-if", body).status()).isEqualTo(403);

        Api.Response cluster = admin.post("/what-if", body);
        assertThat(cluster.status()).as(cluster.toString()).isEqualTo(200);
        assertThat(cluster.json()).containsEntry("scope", "").containsKey("matrix");
        assertThat(admin.post("/domains/" + own + "/what-if", body).status()).isEqualTo(200);
        assertThat(Api.anonymous().post("/what-if", body).status()).isEqualTo(401);
    }
}
