package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenancy in the console, page by page: a reseller logged in to the console visits every page, also
 * with another reseller's domain in the address, and no page shows anything of the other reseller's
 * domain, its held mail, its log or the other reseller itself.
 */
@GatewayTest
@RunAsClient
class ConsolePageTenancyIT {

    private static final String PASSWORD = "Tenant-Secret-42";
    private static final List<String> PAGES =
            List.of(
                    "/console/index.xhtml",
                    "/console/domains.xhtml",
                    "/console/users.xhtml",
                    "/console/lists.xhtml",
                    "/console/quarantine.xhtml",
                    "/console/log.xhtml",
                    "/console/resellers.xhtml",
                    "/console/tokens.xhtml",
                    "/console/defaults.xhtml",
                    "/console/password.xhtml");

    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);

    private final Api admin = Gateway.admin();

    @Test
    void noPageShowsAnotherResellersData() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String owner = "owner-" + tag;
        String intruder = "intruder-" + tag;
        String victim = "victim-" + tag + ".test";
        String own = "own-" + tag + ".test";
        for (String r : List.of(owner, intruder)) {
            RESELLERS.add(r);
        }
        new Api(owner, PASSWORD).addTenantDomain(victim, 2626);
        new Api(intruder, PASSWORD).addTenantDomain(own, 2626);
        assertThat(
                        admin.post(
                                        "/domains/" + victim + "/users",
                                        "{\"address\":\"secret-user@" + victim + "\"}")
                                .status())
                .isEqualTo(201);
        assertThat(
                        admin.put(
                                        "/domains/" + victim + "/filter-policy",
                                        "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                .status())
                .isEqualTo(200);
        Gateway.awaitConfigurationReloaded();
        String subject = "Victim-mail-" + tag;
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(
                            smtp.transaction(
                                    "spammer@sender.example",
                                    List.of("secret-user@" + victim),
                                    "From: spammer@sender.example\r\nTo: secret-user@"
                                            + victim
                                            + "\r\nSubject: "
                                            + subject
                                            + "\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <"
                                            + UUID.randomUUID()
                                            + "@sender.example>\r\n\r\n"
                                            + FilteringIT.GTUBE
                                            + "\r\n"))
                    .startsWith("250");
        }

        try (Browser browser = Browser.open()) {
            browser.login(intruder, PASSWORD);
            browser.settle();
            for (String page : PAGES) {
                browser.get(page);
                assertNothingOf(browser.source(), page, victim, subject, owner);
            }
            browser.get("/console/domain.xhtml?name=" + victim);
            // The page may repeat the name it was asked for in its refusal, but shows nothing of
            // the domain.
            assertNothingOf(browser.source(), "domain page of the victim", null, subject, owner);
            assertThat(browser.source()).doesNotContain("2626");
            assertThat(browser.messages())
                    .as("the domain page says why it shows nothing")
                    .isNotEmpty();
            browser.get("/console/dns.xhtml?name=" + victim);
            assertNothingOf(browser.source(), "DNS page of the victim", null, subject, owner);
            assertThat(browser.messages())
                    .as("the DNS page says why it shows nothing")
                    .isNotEmpty();
            browser.get("/console/domain.xhtml?name=" + own);
            assertThat(browser.source()).contains(own);
        }
    }

    private static void assertNothingOf(
            String source, String page, String victim, String subject, String owner) {
        assertThat(source)
                .as(page)
                .doesNotContain(subject)
                .doesNotContain("secret-user@")
                .doesNotContain(owner);
        if (victim != null) {
            assertThat(source).as(page).doesNotContain(victim);
        }
    }
}
