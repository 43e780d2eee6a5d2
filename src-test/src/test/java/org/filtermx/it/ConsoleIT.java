package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (headless Chromium) against the deployed gateway: a new
 * administrator, from the console alone, creates a reseller, logs in as that reseller, adds a
 * customer domain with an alias and routes, imports users from CSV (one bad line reported), sees
 * mail in log search and releases a held message; the customer then logs in with its domain name.
 * Screenshots of every main page go to {@code src-test/target/screenshots}.
 */
@GatewayTest
@RunAsClient
class ConsoleIT {

    private final Api api = Gateway.admin();

    @Test
    void aResellerRunsACustomerDomainFromTheConsoleAlone() throws Exception {
        String reseller = "reseller-" + UUID.randomUUID().toString().substring(0, 8);
        String resellerPassword = "Reseller-pass-" + UUID.randomUUID().toString().substring(0, 6);
        String domain = Gateway.uniqueDomain("console");
        String alias = Gateway.uniqueDomain("console-alias");
        try (SmtpSink sink = SmtpSink.start();
                Browser b = Browser.open()) {
            // The administrator adds a reseller.
            b.login("admin", Gateway.ADMIN_PASSWORD);
            assertThat(b.driver.getCurrentUrl()).contains("/console/index.xhtml");
            b.screenshot("dashboard");
            b.get("/console/resellers.xhtml");
            b.type("add:username", reseller);
            b.type("add:password", resellerPassword);
            b.click("add:addReseller");
            b.awaitText(By.id("list:resellers"), reseller);
            assertThat(b.messages()).contains("Reseller " + reseller + " added");
            b.screenshot("resellers");
            b.logout();

            // The reseller logs in and adds a customer domain with its first route.
            b.login(reseller, resellerPassword);
            assertThat(b.find(By.id("who")).getText()).contains(reseller).contains("Reseller");
            assertThat(b.findAll(By.id("navDefaults")))
                    .as("cluster defaults are for administrators")
                    .isEmpty();
            b.get("/console/domains.xhtml");
            b.type("add:name", domain);
            b.type("add:host", "127.0.0.1");
            b.typeNumber("add:port", sink.port());
            b.typeNumber("add:priority", 10);
            b.click("add:addDomain");
            assertThat(b.messages())
                    .as("a reseller's route may not point at loopback")
                    .contains("127.0.0.1:" + sink.port() + " is not allowed: a loopback address");
            b.type("add:host", "192.0.2.1");
            b.typeNumber("add:port", 25);
            b.click("add:addDomain");
            assertThat(b.driver.getCurrentUrl())
                    .as(b.messages())
                    .contains("domain.xhtml")
                    .contains(domain);

            // Pending until control is proven: the page says so and shows the TXT record to
            // publish.
            String challenge = b.find(By.id("verification:challengeTable")).getText();
            assertThat(challenge)
                    .contains("_filtermx-challenge." + domain)
                    .contains("filtermx-verification=");
            assertThat(b.find(By.id("verification")).getText())
                    .contains("take no mail until you prove");

            // An alias (pending too), and a second route on port 2525.
            b.type("aliases:alias", alias);
            b.click("aliases:addAlias");
            b.awaitText(By.id("aliases:aliasTable"), alias);
            assertThat(b.find(By.id("aliases:aliasTable")).getText()).contains("Pending");
            b.click("routes:addRoute");
            b.type("routes:routeTable:1:host", "backup-mx.example.net");
            b.typeNumber("routes:routeTable:1:port", 2525);
            b.typeNumber("routes:routeTable:1:priority", 20);
            b.click("routes:saveRoutes");
            assertThat(b.messages()).contains("Destination routes saved");
            b.screenshot("domain");
            String domainPassword = "Domain-pass-" + UUID.randomUUID().toString().substring(0, 6);
            b.type("settings:adminContact", "postmaster@" + domain);
            b.type("settings:domainPassword", domainPassword);
            b.click("settings:saveSettings");
            assertThat(b.messages()).contains("Settings and domain password saved");
            assertThat(api.get("/domains/" + domain).body())
                    .contains(alias)
                    .contains("2525")
                    .contains("\"status\":\"pending\"");
            // The administrator approves it and points it at the test's sink on loopback.
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/destinations",
                                            "[{\"host\":\"127.0.0.1\",\"port\":"
                                                    + sink.port()
                                                    + "},{\"host\":\"backup-mx.example.net\",\"port\":2525,\"priority\":20}]")
                                    .status())
                    .isEqualTo(200);
            api.approve(domain);
            assertThat(api.get("/domains/" + domain).json().get("aliases").toString())
                    .contains(alias);

            // Users from CSV: two good lines, one bad line reported with its reason.
            Path csv = Files.createTempFile("users", ".csv");
            Files.writeString(
                    csv,
                    "address,password,frequency,format\n"
                            + "alice@"
                            + domain
                            + ",Alice-pass-123,daily,html\n"
                            + "not-an-address\n"
                            + "carol@"
                            + domain
                            + "\n");
            b.get("/console/users.xhtml");
            b.driver.findElement(By.id("import:csv_input")).sendKeys(csv.toString());
            WebElement errors = b.awaitText(By.id("import:errors"), "not-an-address");
            assertThat(errors.findElements(By.cssSelector("tbody tr"))).hasSize(1);
            b.awaitText(By.id("list:users"), "carol@" + domain);
            assertThat(b.find(By.id("list:users")).getText()).contains("alice@" + domain);
            b.screenshot("users");

            // Mail: one clean message is delivered, one GTUBE message is held (not refused).
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            send("friend@sender.example", "alice@" + domain, "Console hello", "Hello Alice.");
            send("spammer@sender.example", "carol@" + domain, "Console held", FilteringIT.GTUBE);
            api.awaitLog(entries -> entries.size() >= 2, Duration.ofSeconds(20), "domain", domain);

            // Log search shows the mail with its history.
            b.get("/console/log.xhtml");
            b.type("log:domain", domain);
            b.click("log:search");
            b.awaitText(By.id("log:entries"), "Console hello");
            assertThat(b.find(By.id("log:entries")).getText()).contains("Console held");
            b.click(
                    By.xpath(
                            "//tr[contains(., 'Console hello')]//button[contains(@class,'fmx-open')]"));
            b.awaitText(By.id("log:history"), "ACCEPTED");
            b.screenshot("log");

            // The held message is released from the quarantine and reaches the customer's server.
            b.get("/console/quarantine.xhtml");
            b.type("q:domain", domain);
            b.click("q:search");
            b.awaitText(By.id("q:messages"), "Console held");
            b.click(
                    By.xpath(
                            "//tr[contains(., 'Console held')]//button[contains(@class,'fmx-open')]"));
            assertThat(b.find(By.id("preview")).getText()).contains("GTUBE");
            b.screenshot("quarantine");
            b.click("q:act");
            assertThat(b.messages()).contains("Release: done for 1 message");
            List<String> delivered = sink.awaitMessages(2, Duration.ofSeconds(30));
            assertThat(delivered).anyMatch(m -> m.contains("Subject: Console held"));
            b.awaitText(By.id("q:messages"), "No held messages");
            b.logout();

            // The customer logs in with the domain name and sees its own domain.
            b.login(domain, domainPassword);
            assertThat(b.find(By.id("who")).getText()).contains(domain).contains("Domain");
            assertThat(b.findAll(By.id("navResellers"))).isEmpty();
            b.click("navMyDomain");
            b.awaitText(By.id("aliases:aliasTable"), alias);
            assertThat(b.findAll(By.id("aliases:addAlias")))
                    .as("domain logins do not add aliases")
                    .isEmpty();
        }
    }

    @Test
    void anAdministratorChoosesHowResellersProveControlOfTheirDomains() {
        try (Browser b = Browser.open()) {
            b.login("admin", Gateway.ADMIN_PASSWORD);
            b.get("/console/defaults.xhtml");
            assertThat(b.find(By.id("verification")).getText()).contains("Domain verification");
            try {
                b.choose("verification:method", "Approval by an administrator");
                b.click("verification:saveVerification");
                assertThat(b.messages()).contains("wait for an administrator's approval");
                assertThat(api.get("/domain-verification").json())
                        .containsEntry("method", "approval");
            } finally {
                assertThat(api.put("/domain-verification", "{\"method\":\"dns\"}").status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void everyMainPageRendersForAnAdministratorOnDesktopAndPhone() {
        try (Browser b = Browser.open()) {
            b.login("admin", Gateway.ADMIN_PASSWORD);
            assertThat(b.findAll(By.id("navDefaults"))).hasSize(1);
            for (String page : List.of("domains", "lists", "tokens", "defaults", "password")) {
                b.get("/console/" + page + ".xhtml");
                assertThat(b.find(By.tagName("h1")).getText()).isNotBlank();
                assertThat(b.messages()).as(page).doesNotContain("failed");
                b.screenshot(page);
            }
            b.phone();
            for (String page : List.of("index", "quarantine")) {
                b.get("/console/" + page + ".xhtml");
                b.screenshot(page + "-phone");
            }
            b.desktop();
            b.logout();
            b.screenshot("login");
        }
    }

    private static void send(String from, String to, String subject, String body) throws Exception {
        String message =
                "From: "
                        + from
                        + "\r\nTo: "
                        + to
                        + "\r\nSubject: "
                        + subject
                        + "\r\n"
                        + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <"
                        + System.nanoTime()
                        + "@sender.example>\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                        + body
                        + "\r\n";
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, List.of(to), message)).startsWith("250");
        }
    }
}
