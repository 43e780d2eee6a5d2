package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The console's web security against the deployed gateway: one answer for unknown users and wrong
 * passwords, the throttling message, a new session id at login, security headers and cookie flags,
 * message data shown as text only (no markup, script or remote content), and state-changing POSTs
 * refused without a valid view state or from another origin.
 */
@GatewayTest
@RunAsClient
class ConsoleSecurityIT {

    private static final String REFUSED = "The user name, the password or the code is not right.";

    private final Api api = Gateway.admin();

    private String newReseller(String password) {
        String name = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r =
                api.post(
                        "/resellers",
                        "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswerAndThrottlingIsExplained() {
        String reseller = newReseller("Right-pass-12345");
        try (Browser b = Browser.open()) {
            b.login("nobody-" + UUID.randomUUID().toString().substring(0, 8), "Whatever-pass-1");
            String unknown = b.messages();
            b.login(reseller, "Wrong-pass-12345");
            String wrong = b.messages();
            assertThat(unknown).isEqualTo(wrong).isEqualTo(REFUSED);
            assertThat(b.driver.getCurrentUrl()).contains("/login.xhtml");

            for (int i = 0; i < 6 && !b.messages().contains("Too many"); i++) {
                b.login(reseller, "Wrong-pass-12345");
            }
            assertThat(b.messages()).startsWith("Too many failed logins. Try again in");
            b.screenshot("login-throttled");
        }
    }

    @Test
    void messageDataIsShownAsTextOnly() throws Exception {
        String domain = Gateway.uniqueDomain("xss");
        String subject = "<img src=x onerror=alert(1)>";
        try (SmtpSink sink = SmtpSink.start();
                Browser b = Browser.open()) {
            api.addDomain(domain, sink.port());
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            String html =
                    "<p>Hello <b>there</b><img src=\"http://127.0.0.1:9/track.png\"></p>"
                            + "<script>alert(3)</script><p>"
                            + FilteringIT.GTUBE
                            + "</p>";
            send(
                    "spammer@sender.example",
                    "bob@" + domain,
                    subject,
                    "text/html; charset=us-ascii",
                    html);
            api.awaitLog(e -> !e.isEmpty(), Duration.ofSeconds(20), "domain", domain);

            b.login("admin", Gateway.ADMIN_PASSWORD);
            b.get("/console/quarantine.xhtml");
            b.type("q:domain", domain);
            b.click("q:search");
            b.awaitText(By.id("q:messages"), subject);
            assertThat(b.findAll(By.cssSelector("[id='q:messages'] img"))).isEmpty();
            b.click(By.xpath("//tr[contains(., 'onerror')]//button[contains(@class,'fmx-open')]"));
            assertThat(b.find(By.id("q:detailSubject")).getText()).isEqualTo(subject);
            String preview = b.find(By.id("preview")).getText();
            assertThat(preview)
                    .contains("Hello there")
                    .doesNotContain("alert(3)")
                    .doesNotContain("track.png");
            assertThat(b.findAll(By.cssSelector("#preview *"))).isEmpty();
            assertThatThrownBy(() -> b.driver.switchTo().alert())
                    .isInstanceOf(NoAlertPresentException.class);
            b.screenshot("quarantine-xss");

            // The bulk action on the ticked message releases it.
            b.click(
                    By.xpath(
                            "//tr[contains(., 'onerror')]//div[contains(@class,'ui-chkbox-box')]"));
            b.click("q:bulk");
            assertThat(b.messages()).contains("Release: done for 1 message");
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    @Test
    void loginGivesANewSessionAndPagesCarrySecurityHeaders() throws Exception {
        ConsoleHttpSession s = new ConsoleHttpSession();
        HttpResponse<String> login = s.get(Browser.BASE, "/login.xhtml");
        String before = s.cookie("JSESSIONID");
        assertThat(before).isNotNull();
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).isPresent();
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self' 'nonce-")
                .doesNotContain("unsafe-eval");
        assertThat(String.join("\n", login.headers().allValues("Set-Cookie")))
                .contains("HttpOnly")
                .contains("SameSite=Strict");

        assertThat(s.login(Browser.BASE, "admin", Gateway.ADMIN_PASSWORD).statusCode())
                .isEqualTo(302);
        assertThat(s.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
        assertThat(s.get(Browser.BASE, "/console/index.xhtml").statusCode()).isEqualTo(200);
    }

    @Test
    void stateChangingPostsNeedTheViewStateAndTheSameOrigin() throws Exception {
        ConsoleHttpSession s = new ConsoleHttpSession();
        assertThat(s.login(Browser.BASE, "admin", Gateway.ADMIN_PASSWORD).statusCode())
                .isEqualTo(302);
        String page = s.get(Browser.BASE, "/console/domains.xhtml").body();
        String viewState = ConsoleHttpSession.find(ConsoleHttpSession.VIEW_STATE, page);
        String nonce = ConsoleHttpSession.find(ConsoleHttpSession.NONCE, page);

        String forged = Gateway.uniqueDomain("csrf");
        HttpResponse<String> noState =
                s.post(
                        Browser.BASE,
                        "/console/domains.xhtml",
                        ConsoleHttpSession.addDomainForm(forged, "forged-state", nonce),
                        null);
        assertThat(noState.statusCode()).isEqualTo(403);
        assertThat(noState.body()).contains("Nothing was changed");

        HttpResponse<String> crossSite =
                s.post(
                        Browser.BASE,
                        "/console/domains.xhtml",
                        ConsoleHttpSession.addDomainForm(forged, viewState, nonce),
                        "http://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(api.get("/domains/" + forged).status()).isEqualTo(404);

        // The same form with the page's own view state does change things: the refusals above are
        // not a broken form.
        HttpResponse<String> genuine =
                s.post(
                        Browser.BASE,
                        "/console/domains.xhtml",
                        ConsoleHttpSession.addDomainForm(forged, viewState, nonce),
                        Browser.BASE);
        assertThat(genuine.statusCode()).as(genuine.body()).isIn(200, 302);
        assertThat(api.get("/domains/" + forged).status()).isEqualTo(200);
    }

    private static void send(String from, String to, String subject, String type, String body)
            throws Exception {
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
                        + "MIME-Version: 1.0\r\nContent-Type: "
                        + type
                        + "\r\n\r\n"
                        + body
                        + "\r\n";
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, List.of(to), message)).startsWith("250");
        }
    }
}
