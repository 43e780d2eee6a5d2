package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Auto-enable and the catch-all rule over real SMTP (issue 14, ADR 0025): switching it on is
 * refused for a destination that accepts every address (found by the gateway's probe) or is marked
 * a catch-all; against a destination that refuses unknown recipients it works, and held spam then
 * makes its recipient an email user who gets one welcome mail, whose login link sets a password
 * once; with a local recipients list it works before a catch-all destination too, and the list
 * refuses strangers at RCPT.
 */
@GatewayTest
@RunAsClient
class AutoEnableIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private static final Pattern LOGIN_LINK =
            Pattern.compile("https?://[^\\s\"'<>]+(/set-password\\?token=[A-Za-z0-9_-]{43})");

    private final Api api = Gateway.admin();

    /** A hosted domain on loopback {@code port} whose spam is held, not refused. */
    private String holdingDomain(int port, String prefix) {
        String domain = Gateway.uniqueDomain(prefix);
        api.addDomain(domain, port);
        Api.Response policy =
                api.put(
                        "/domains/" + domain + "/filter-policy",
                        "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}");
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        return domain;
    }

    private Api.Response autoEnable(String domain, String moreSettings) {
        return api.put(
                "/domains/" + domain + "/settings",
                "{\"autoEnableUsers\":true" + moreSettings + "}");
    }

    private static String detail(Api.Response r) {
        return r.json().get("error") + " " + r.json().get("detail");
    }

    @Test
    void aDestinationThatAcceptsEveryAddressRulesAutoEnableOut() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink.port(), "autocatchall");
            try {
                Api.Response probed = autoEnable(domain, "");
                assertThat(probed.status()).as(probed.toString()).isEqualTo(400);
                assertThat(detail(probed))
                        .contains("its destination is a catch-all")
                        .contains("made-up address")
                        .contains("local recipients list");
                assertThat(api.get("/domains/" + domain).json())
                        .containsEntry("autoEnableUsers", false);

                Api.Response marked = autoEnable(domain, ",\"destinationCatchAll\":true");
                assertThat(marked.status()).as(marked.toString()).isEqualTo(400);
                assertThat(detail(marked)).contains("marked as a catch-all");
                assertThat(api.get("/domains/" + domain).json())
                        .containsEntry("autoEnableUsers", false)
                        .containsEntry("destinationCatchAll", false);
                assertThat(sink.messagesAfter(Duration.ofMillis(500)))
                        .as("the probe stops at RCPT: nothing is delivered")
                        .isEmpty();

                try (Browser b = Browser.open()) {
                    b.login("admin", Gateway.ADMIN_PASSWORD);
                    b.get("/console/domain.xhtml?name=" + domain);
                    b.click("settings:autoEnableUsers");
                    b.click("settings:saveSettings");
                    assertThat(b.messages())
                            .contains("its destination is a catch-all")
                            .contains("local recipients list");
                    b.screenshot("auto-enable-refused");
                }
                assertThat(api.get("/domains/" + domain).json())
                        .containsEntry("autoEnableUsers", false);
            } finally {
                api.delete("/domains/" + domain);
            }
        }
    }

    @Test
    void heldSpamMakesItsRecipientAUserWithOneWelcomeWhoseLinkSetsAPasswordOnce() throws Exception {
        String domain = Gateway.uniqueDomain("autoenable");
        String carol = "carol@" + domain;
        String dave = "dave@" + domain;
        try (RecipientCheckingSink sink = RecipientCheckingSink.accepting(carol, dave)) {
            api.addDomain(domain, sink.port());
            try {
                assertThat(
                                api.put(
                                                "/domains/" + domain + "/filter-policy",
                                                "{\"quarantineThreshold\":5.0,"
                                                        + "\"rejectThreshold\":5000.0}")
                                        .status())
                        .isEqualTo(200);

                Api.Response marked = autoEnable(domain, ",\"destinationCatchAll\":true");
                assertThat(marked.status()).as(marked.toString()).isEqualTo(400);
                assertThat(detail(marked)).contains("marked as a catch-all");

                Api.Response on = autoEnable(domain, ",\"destinationCatchAll\":false");
                assertThat(on.status()).as(on.toString()).isEqualTo(200);
                assertThat(on.json())
                        .containsEntry("autoEnableUsers", true)
                        .containsEntry("destinationCatchAll", false);
                assertThat(sink.asked())
                        .as("the probe asked about a random address, which was refused")
                        .anyMatch(a -> a.matches("[0-9a-f-]{36}@" + Pattern.quote(domain)));
                assertThat(sink.messages()).isEmpty();
                Gateway.awaitConfigurationReloaded();

                sendSpam(carol, "First spam for carol");
                Map<String, Object> user = awaitUser(domain, carol);
                assertThat(user)
                        .containsEntry("reportFrequency", "daily")
                        .containsEntry("reportFormat", "html")
                        .containsEntry("login", false);

                List<RecipientCheckingSink.Received> welcome =
                        sink.awaitMessages(1, Duration.ofSeconds(30));
                assertThat(welcome).as("the welcome mail").hasSize(1);
                RecipientCheckingSink.Received mail = welcome.get(0);
                assertThat(mail.reversePath()).as("the null reverse-path").isEmpty();
                assertThat(mail.recipients()).containsExactly(carol);
                assertThat(mail.content()).containsPattern("(?im)^Auto-Submitted: auto-generated");
                String link = loginLink(mail.content());

                sendSpam(carol, "Second spam for carol");
                assertThat(sink.messagesAfter(Duration.ofSeconds(5)))
                        .as("no second welcome")
                        .hasSize(1);

                HttpResponse<String> shown = get(link);
                assertThat(shown.statusCode()).isEqualTo(200);
                assertThat(shown.body()).contains(carol).contains("Set your password");

                String password = "Carol-sets-" + System.nanoTime();
                try (Browser browser = Browser.open()) {
                    browser.get(link);
                    browser.type("password", password);
                    browser.type("confirmation", password);
                    browser.click("setPassword");
                    browser.awaitText(By.tagName("h1"), "Password set");
                    browser.screenshot("auto-enable-password-set");

                    browser.login(carol, password);
                    browser.get("/console/quarantine.xhtml");
                    assertThat(browser.source())
                            .as("carol's own quarantine in the console")
                            .contains("First spam for carol");
                }

                Api asCarol = new Api(carol, password);
                List<Map<String, Object>> held = awaitHeld(asCarol, 2);
                assertThat(held)
                        .extracting(h -> h.get("subject"))
                        .containsExactlyInAnyOrder("First spam for carol", "Second spam for carol");
                assertThat(api.get("/users/" + carol).json()).containsEntry("login", true);

                HttpResponse<String> again = get(link);
                assertThat(again.statusCode()).isEqualTo(400);
                assertThat(again.body()).contains("This link cannot be used");
                HttpResponse<String> reused = post(link, "Another-password-" + System.nanoTime());
                assertThat(reused.statusCode()).isEqualTo(400);
                assertThat(reused.body())
                        .contains("This link cannot be used")
                        .doesNotContain("Exception");
                assertThat(new Api(carol, password).get("/quarantine").status())
                        .as("the password set through the link still works")
                        .isEqualTo(200);
                assertThat(sink.messages()).hasSize(1);

                // Two messages racing for a new recipient make one user and one welcome.
                ExecutorService two = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> sends =
                            List.of(
                                    two.submit(() -> sendSpam(dave, "Race one")),
                                    two.submit(() -> sendSpam(dave, "Race two")));
                    for (Future<?> f : sends) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    two.shutdown();
                }
                awaitUser(domain, dave);
                assertThat(sink.awaitMessages(2, Duration.ofSeconds(30))).hasSize(2);
                assertThat(sink.messagesAfter(Duration.ofSeconds(5)))
                        .extracting(RecipientCheckingSink.Received::recipients)
                        .containsExactly(List.of(carol), List.of(dave));
            } finally {
                api.delete("/domains/" + domain);
            }
        }
    }

    @Test
    void aForgedLinkGetsAPageNotATrace() throws Exception {
        HttpResponse<String> forged = get("/set-password?token=" + "A".repeat(43));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("This link cannot be used").doesNotContain("Exception");
        HttpResponse<String> garbage = get("/set-password?token=%3Cscript%3E");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).doesNotContain("<script>");
    }

    @Test
    void aLocalRecipientsListAllowsAutoEnableBeforeACatchAllDestination() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink.port(), "autolist");
            try {
                Api.Response list =
                        api.put("/domains/" + domain + "/local-recipients", "[\"info\"]");
                assertThat(list.status()).as(list.toString()).isEqualTo(200);

                Api.Response on = autoEnable(domain, ",\"destinationCatchAll\":true");
                assertThat(on.status()).as(on.toString()).isEqualTo(200);
                assertThat(on.json()).containsEntry("autoEnableUsers", true);

                Gateway.awaitConfigurationReloaded();
                assertThat(Gateway.rcpt("stranger@" + domain)).startsWith("550 5.1.1");
                assertThat(Gateway.rcpt("info@" + domain)).startsWith("250");

                Api.Response cleared = api.put("/domains/" + domain + "/local-recipients", "[]");
                assertThat(cleared.status())
                        .as("without the list the catch-all destination rules it out again")
                        .isEqualTo(400);
                assertThat(detail(cleared)).contains("catch-all");
                assertThat(api.get("/domains/" + domain).json().get("localRecipients"))
                        .isEqualTo(List.of("info"));
            } finally {
                api.delete("/domains/" + domain);
            }
        }
    }

    private static Void sendSpam(String to, String subject) throws Exception {
        String from = "spammer@sender.example";
        String message =
                "From: "
                        + from
                        + "\r\nTo: "
                        + to
                        + "\r\nSubject: "
                        + subject
                        + "\r\nDate: Wed, 02 Dec 2026 10:00:00 +0000\r\nMessage-ID: <"
                        + System.nanoTime()
                        + "@sender.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                        + FilteringIT.GTUBE
                        + "\r\n";
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, List.of(to), message)).startsWith("250 2.0.0");
        }
        return null;
    }

    private Map<String, Object> awaitUser(String domain, String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Map<String, Object>> users = api.get("/domains/" + domain + "/users").jsonArray();
            for (Map<String, Object> u : users) {
                if (address.equals(u.get("address"))) {
                    return u;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(address + " did not become an email user: " + users);
            }
            Thread.sleep(200);
        }
    }

    private static List<Map<String, Object>> awaitHeld(Api as, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Map<String, Object>> held = List.of();
        while (System.nanoTime() < deadline) {
            Api.Response r = as.get("/quarantine");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            held = r.jsonArray();
            if (held.size() >= count) {
                break;
            }
            Thread.sleep(200);
        }
        return held;
    }

    /** The path and query of the login link in the mail's text (decoded from its MIME parts). */
    private static String loginLink(String content) throws Exception {
        MimeMessage message =
                new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        StringBuilder text = new StringBuilder();
        collectText(message, text);
        Matcher m = LOGIN_LINK.matcher(text);
        assertThat(m.find()).as("a login link in the welcome mail:\n" + text).isTrue();
        return m.group(1);
    }

    private static void collectText(Part part, StringBuilder text) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectText(child, text);
            }
        } else if (part.isMimeType("text/*")) {
            text.append(part.getContent()).append('\n');
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(Browser.BASE + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String link, String password) throws Exception {
        String token = link.substring(link.indexOf("token=") + 6);
        String form =
                "token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&confirmation="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(Browser.BASE + "/set-password"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
