package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

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
        Session s = new Session();
        HttpResponse<String> login = s.get("/login.xhtml");
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

        s.login("admin", Gateway.ADMIN_PASSWORD);
        assertThat(s.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
        assertThat(s.get("/console/index.xhtml").statusCode()).isEqualTo(200);
    }

    @Test
    void stateChangingPostsNeedTheViewStateAndTheSameOrigin() throws Exception {
        Session s = new Session();
        s.login("admin", Gateway.ADMIN_PASSWORD);
        String page = s.get("/console/domains.xhtml").body();
        String viewState = find(VIEW_STATE, page);
        String nonce = find(NONCE, page);

        String forged = Gateway.uniqueDomain("csrf");
        HttpResponse<String> noState =
                s.post(
                        "/console/domains.xhtml",
                        addDomainForm(forged, "forged-state", nonce),
                        null);
        assertThat(noState.statusCode()).isEqualTo(403);
        assertThat(noState.body()).contains("Nothing was changed");

        HttpResponse<String> crossSite =
                s.post(
                        "/console/domains.xhtml",
                        addDomainForm(forged, viewState, nonce),
                        "http://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(api.get("/domains/" + forged).status()).isEqualTo(404);

        // The same form with the page's own view state does change things: the refusals above are
        // not a broken form.
        HttpResponse<String> genuine =
                s.post(
                        "/console/domains.xhtml",
                        addDomainForm(forged, viewState, nonce),
                        Browser.BASE);
        assertThat(genuine.statusCode()).as(genuine.body()).isIn(200, 302);
        assertThat(api.get("/domains/" + forged).status()).isEqualTo(200);
    }

    private static Map<String, String> addDomainForm(
            String domain, String viewState, String nonce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("add", "add");
        form.put("add:name", domain);
        form.put("add:host", "127.0.0.1");
        form.put("add:port_input", "2525");
        form.put("add:port_hinput", "2525");
        form.put("add:priority_input", "10");
        form.put("add:priority_hinput", "10");
        form.put("add:addDomain", "");
        form.put("jakarta.faces.ViewState", viewState);
        form.put("primefaces.nonce", nonce);
        return form;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("page has " + p).isTrue();
        return m.group(1);
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

    /** A cookie-keeping HTTP client that logs in through the form like a browser would. */
    private static final class Session {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(Browser.BASE + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form, String origin)
                throws Exception {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(Browser.BASE + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            form.entrySet().stream()
                                                    .map(
                                                            e ->
                                                                    enc(e.getKey())
                                                                            + "="
                                                                            + enc(e.getValue()))
                                                    .collect(Collectors.joining("&"))));
            if (origin != null) {
                request.header("Origin", origin);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        void login(String user, String password) throws Exception {
            String page = get("/login.xhtml").body();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("login", "login");
            form.put("login:username", user);
            form.put("login:password", password);
            form.put("login:submit", "");
            form.put("jakarta.faces.ViewState", find(VIEW_STATE, page));
            form.put("primefaces.nonce", find(NONCE, page));
            HttpResponse<String> r = post("/login.xhtml", form, Browser.BASE);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
