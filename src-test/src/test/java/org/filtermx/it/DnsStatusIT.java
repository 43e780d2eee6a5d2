package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The DNS status of hosted domains over the API, with dnsmasq serving their records on the
 * gateway's resolver: a domain set up right, one with a wrong MX priority, a foreign MX host and no
 * SPF, and one whose active DKIM key is not published. Each check says ok, missing or wrong and
 * gives the exact records to publish; the destination server is advice, never a faked check. The
 * cluster's settings are it-env.sh's: MX hosts mx1.filtermx.test:10 and mx2.filtermx.test:20, SPF
 * include spf.mx.filtermx.test, delivery hostname out.filtermx.test.
 */
@GatewayTest
@RunAsClient
class DnsStatusIT {

    private static final String SPF = "v=spf1 include:spf.mx.filtermx.test -all";

    private final Api admin = Gateway.admin();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void eachCheckSaysWhatIsRightMissingOrWrongWithTheRecordsToPublish() throws Exception {
        String good = "good-" + tag + ".test";
        String wrong = "wrong-" + tag + ".test";
        String unpublished = "nodkim-" + tag + ".test";
        for (String domain : List.of(good, wrong, unpublished)) {
            admin.addDomain(domain, 2525);
        }
        try {
            Map<String, Object> goodKey = activeKey(good, "ed25519", "s1");
            Map<String, Object> hiddenKey = activeKey(unpublished, "rsa", "s2");
            assertThat((String) goodKey.get("record")).startsWith("v=DKIM1; k=ed25519; p=");
            assertThat(goodKey).containsEntry("recordName", "s1._domainkey." + good);

            try (Dnsmasq dns =
                    Dnsmasq.builder()
                            .mx(good, "mx1.filtermx.test", 10)
                            .mx(good, "mx2.filtermx.test", 20)
                            .txt(good, SPF)
                            .txt((String) goodKey.get("recordName"), (String) goodKey.get("record"))
                            .mx(wrong, "mx1.filtermx.test", 10)
                            .mx(wrong, "mx2.filtermx.test", 30)
                            .mx(wrong, "mail.elsewhere.test", 5)
                            .txt(wrong, "some-site-verification=abc")
                            .mx(unpublished, "mx1.filtermx.test", 10)
                            .mx(unpublished, "mx2.filtermx.test", 20)
                            .txt(unpublished, SPF)
                            .address("out.filtermx.test", "192.0.2.25", "2001:db8::25")
                            .start()) {
                Map<String, Map<String, Object>> ok = status(good);
                assertThat(ok.get("mx")).containsEntry("status", "ok");
                assertThat(ok.get("spf")).containsEntry("status", "ok");
                assertThat(ok.get("dkim")).containsEntry("status", "ok");
                Map<String, Object> destination = ok.get("destination");
                assertThat(destination).containsEntry("status", "not-checked");
                assertThat(destination.get("records"))
                        .isEqualTo(List.of("192.0.2.25", "2001:db8::25"));
                assertThat((String) destination.get("detail"))
                        .contains("not checked")
                        .contains("out.filtermx.test");

                Map<String, Map<String, Object>> bad = status(wrong);
                assertThat(bad.get("mx")).containsEntry("status", "wrong");
                assertThat((String) bad.get("mx").get("detail"))
                        .contains("mx2.filtermx.test has priority 30 instead of 20")
                        .contains("mail.elsewhere.test is not a host of this cluster");
                assertThat(bad.get("mx").get("records"))
                        .isEqualTo(
                                List.of(
                                        wrong + ". IN MX 10 mx1.filtermx.test.",
                                        wrong + ". IN MX 20 mx2.filtermx.test."));
                assertThat(bad.get("spf")).containsEntry("status", "missing");
                assertThat(bad.get("spf").get("records"))
                        .isEqualTo(
                                List.of(
                                        wrong
                                                + ". IN TXT \"v=spf1 include:spf.mx.filtermx.test"
                                                + " ~all\""));
                assertThat(bad.get("dkim")).containsEntry("status", "missing");

                Map<String, Map<String, Object>> hidden = status(unpublished);
                assertThat(hidden.get("mx")).containsEntry("status", "ok");
                assertThat(hidden.get("spf")).containsEntry("status", "ok");
                assertThat(hidden.get("dkim")).containsEntry("status", "missing");
                assertThat(hidden.get("dkim").get("records"))
                        .isEqualTo(
                                List.of(
                                        "s2._domainkey."
                                                + unpublished
                                                + ". IN TXT \""
                                                + hiddenKey.get("record")
                                                + "\""));

                // The console's page shows the same checks and records.
                try (Browser browser = Browser.open()) {
                    browser.login("admin", Gateway.ADMIN_PASSWORD);
                    browser.get("/console/dns.xhtml?name=" + wrong);
                    browser.awaitText(
                            org.openqa.selenium.By.id("dnsStatus"),
                            wrong + ". IN MX 20 mx2.filtermx.test.");
                    assertThat(browser.source())
                            .contains("priority 30 instead of 20")
                            .contains("v=spf1 include:spf.mx.filtermx.test ~all");
                    browser.get("/console/dns.xhtml?name=" + good);
                    browser.awaitText(org.openqa.selenium.By.id("dkim"), "s1._domainkey." + good);
                    assertThat(browser.source())
                            .contains((String) goodKey.get("record"))
                            .contains("192.0.2.25");
                }
            }
        } finally {
            for (String domain : List.of(good, wrong, unpublished)) {
                admin.delete("/domains/" + domain);
            }
        }
    }

    @Test
    void dkimKeysRefuseBadInputAndDuplicateSelectorsAndAreGoneWhenRemoved() {
        String domain = "keys-" + tag + ".test";
        admin.addDomain(domain, 2525);
        try {
            Api.Response unknown =
                    admin.post("/domains/" + domain + "/dkim", "{\"algorithm\":\"dsa\"}");
            assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
            assertThat(unknown.body()).contains("rsa or ed25519");
            Api.Response badSelector =
                    admin.post("/domains/" + domain + "/dkim", "{\"selector\":\"a_b\"}");
            assertThat(badSelector.status()).as(badSelector.toString()).isEqualTo(400);

            Api.Response created =
                    admin.post("/domains/" + domain + "/dkim", "{\"selector\":\"same\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json())
                    .containsEntry("algorithm", "rsa-sha256")
                    .containsEntry("active", false);
            Api.Response again =
                    admin.post("/domains/" + domain + "/dkim", "{\"selector\":\"same\"}");
            assertThat(again.status()).as(again.toString()).isEqualTo(409);

            String id = Api.id(created.json().get("id"));
            assertThat(admin.delete("/domains/" + domain + "/dkim/" + id).status()).isEqualTo(204);
            assertThat(admin.get("/domains/" + domain + "/dkim").jsonArray()).isEmpty();
            assertThat(admin.delete("/domains/" + domain + "/dkim/" + id).status()).isEqualTo(404);
            assertThat(Api.anonymous().get("/domains/" + domain + "/dns-status").status())
                    .isEqualTo(401);

            // A domain's keys go with it.
            activeKey(domain, "ed25519", "kept");
            assertThat(admin.delete("/domains/" + domain).status()).isEqualTo(204);
            assertThat(admin.get("/domains/" + domain + "/dkim").status()).isEqualTo(404);
            admin.addDomain(domain, 2525);
            assertThat(admin.get("/domains/" + domain + "/dkim").jsonArray()).isEmpty();
        } finally {
            admin.delete("/domains/" + domain);
        }
    }

    private Map<String, Object> activeKey(String domain, String algorithm, String selector) {
        Api.Response created =
                admin.post(
                        "/domains/" + domain + "/dkim",
                        "{\"algorithm\":\"" + algorithm + "\",\"selector\":\"" + selector + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = Api.id(created.json().get("id"));
        Api.Response activated =
                admin.post("/domains/" + domain + "/dkim/" + id + "/activate", "{}");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        assertThat(activated.json()).containsEntry("active", true);
        List<Map<String, Object>> listed = admin.get("/domains/" + domain + "/dkim").jsonArray();
        assertThat(listed).hasSize(1);
        return listed.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> status(String domain) {
        Api.Response r = admin.get("/domains/" + domain + "/dns-status");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).containsEntry("domain", domain);
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        for (Object check : (List<Object>) r.json().get("checks")) {
            Map<String, Object> c = (Map<String, Object>) check;
            byName.put((String) c.get("name"), c);
        }
        assertThat(byName.keySet()).containsExactly("mx", "spf", "dkim", "destination");
        return byName;
    }
}
