package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Branding per reseller, end to end against the deployed gateway: a reseller sets its brand through
 * the API (hostile values refused), and its domain's users then see its product name, logo, colours
 * and support address in the console (a screenshot under {@code
 * src-test/target/screenshots/branding-*.png}), on the login page of its login host name (Chromium
 * resolving that name to the gateway, so the Host header is the brand's), in the rendered report
 * (HTML and PDF, read back with {@code pdftotext}; kept in {@code
 * target/reports/branded-report.*}), on the release page and in the welcome mail: {@code
 * FILTERMX_IT_SLOT=<n> scripts/it-alt-ports.sh -o -q -pl src-test -am -Dit.test=BrandingIT
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@GatewayTest
@RunAsClient
class BrandingIT {

    private static final String PASSWORD = "Brand-Owner-4242";
    private static final Path ARTIFACTS = Path.of("target", "reports");
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    @RegisterExtension static final Resellers RESELLERS = new Resellers(PASSWORD);

    private final Api admin = Gateway.admin();

    @Test
    void aResellerSetsItsOwnBrandAndHostileValuesAreRefused() throws Exception {
        String r1 = RESELLERS.addUnique("brand-a");
        String r2 = RESELLERS.addUnique("brand-b");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String host = "login-" + tag + ".brand.test";
        Api asR1 = RESELLERS.as(r1);
        Api asR2 = RESELLERS.as(r2);

        Api.Response empty = asR1.get("/resellers/" + r1 + "/branding");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json()).containsEntry("reseller", r1);
        assertThat(empty.json().get("productName")).as("no brand yet").isNull();

        Api.Response set = asR1.put("/resellers/" + r1 + "/branding", brand("Shield " + tag, host));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json())
                .containsEntry("reseller", r1)
                .containsEntry("productName", "Shield " + tag)
                .containsEntry("primaryColor", "#7a1f5c")
                .containsEntry("accentColor", "#0b7a3e")
                .containsEntry("supportAddress", "help@acme.example")
                .containsEntry("loginHost", host)
                .containsKey("updatedAt");
        assertThat(set.json().get("logoUrl")).as("no logo yet").isNull();

        assertRefused(
                asR1.put(
                        "/resellers/" + r1 + "/branding",
                        "{\"productName\":\"x\",\"primaryColor\":\"red;}body{x\"}"),
                400,
                "#rrggbb");
        assertRefused(
                asR1.put(
                        "/resellers/" + r1 + "/branding",
                        "{\"productName\":\"<script>alert(1)</script>\"}"),
                400,
                "product name");
        assertRefused(
                asR1.put("/resellers/" + r1 + "/branding", "{\"supportAddress\":\"help\"}"),
                400,
                "support address");
        assertRefused(
                asR1.put("/resellers/" + r1 + "/branding", "{\"loginHost\":\"127.0.0.1\"}"),
                400,
                "login host");
        assertRefused(
                asR2.put("/resellers/" + r2 + "/branding", brand("Other", host.toUpperCase())),
                409,
                "already another reseller's");
        assertRefused(asR2.put("/resellers/" + r1 + "/branding", brand("Hijack", null)), 404, r1);
        assertRefused(asR2.get("/resellers/" + r1 + "/branding"), 404, r1);
        assertRefused(asR2.send("DELETE", "/resellers/" + r1 + "/branding", null), 404, r1);

        byte[] svg =
                ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(uploadLogo(r1, r1, svg, "image/svg+xml").body())
                .contains("PNG or JPEG")
                .contains("SVG");
        assertThat(uploadLogo(r1, r1, svg, "image/png").statusCode()).isEqualTo(400);
        byte[] fakePng = Arrays.copyOf(png(10, 10), 400);
        Arrays.fill(fakePng, 8, 400, (byte) '<');
        assertThat(uploadLogo(r1, r1, fakePng, "image/png").body()).contains("not a readable PNG");
        byte[] huge = Arrays.copyOf(png(10, 10), 300 * 1024);
        HttpResponse<String> tooBig = uploadLogo(r1, r1, huge, "image/png");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("larger than 256 KiB");
        assertThat(uploadLogo(r1, r1, png(2000, 40), "image/png").body())
                .contains("at most 1024 x 512 pixels");
        assertThat(uploadLogo(r2, r1, png(100, 40), "image/png").statusCode()).isEqualTo(404);

        HttpResponse<String> uploaded = uploadLogo(r1, r1, png(160, 40), "image/png");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String logoUrl = (String) Json.object(uploaded.body()).get("logoUrl");
        assertThat(logoUrl).matches("/brand/[0-9a-f]{32}/logo");
        HttpResponse<byte[]> logo = get(Browser.BASE + logoUrl);
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(logo.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(logo.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        assertThat(Arrays.copyOf(logo.body(), 4)).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(get(Browser.BASE + "/brand/" + "0".repeat(32) + "/logo").statusCode())
                .isEqualTo(404);

        // The administrator edits any brand; a reset brings the default back.
        Api.Response byAdmin =
                admin.put("/resellers/" + r2 + "/branding", brand("Admin set " + tag, null));
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(admin.send("DELETE", "/resellers/" + r2 + "/branding", null).status())
                .isEqualTo(204);
        assertThat(admin.get("/resellers/" + r2 + "/branding").json().get("productName")).isNull();
    }

    @Test
    void aDomainsUsersSeeTheirResellersBrandInConsoleLoginReportAndReleasePage() throws Exception {
        String reseller = RESELLERS.addUnique("brand-c");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String product = "Acme Mail Shield " + tag;
        String host = "console-" + tag + ".brand.test";
        Api asReseller = RESELLERS.as(reseller);
        assertThat(
                        asReseller
                                .put("/resellers/" + reseller + "/branding", brand(product, host))
                                .status())
                .isEqualTo(200);
        assertThat(uploadLogo(reseller, reseller, png(160, 40), "image/png").statusCode())
                .isEqualTo(200);

        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("branded");
            asReseller.addTenantDomain(domain, sink.port());
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/settings",
                                            "{\"password\":\"" + PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
            String bob = "bob@" + domain;
            Api.Response user =
                    admin.post(
                            "/domains/" + domain + "/users",
                            "{\"address\":\""
                                    + bob
                                    + "\",\"password\":\""
                                    + PASSWORD
                                    + "\",\"reports\":{\"frequency\":\"daily\",\"format\":\"pdf\"}}");
            assertThat(user.status()).as(user.toString()).isEqualTo(201);
            String subject = "Branded spam " + tag;
            hold(domain, bob, subject);

            // The console of the domain login and of the email user.
            try (Browser browser = Browser.open()) {
                for (String login : List.of(domain, bob)) {
                    browser.login(login, PASSWORD);
                    browser.awaitText(By.id("productName"), product);
                    assertThat(browser.driver.getTitle()).startsWith(product);
                    WebElement logo = browser.find(By.id("brandLogo"));
                    assertThat(logo.getAttribute("src")).contains("/brand/").endsWith("/logo");
                    assertThat(
                                    ((JavascriptExecutor) browser.driver)
                                            .executeScript(
                                                    "return document.getElementById('brandLogo').naturalWidth"))
                            .as("the logo loaded")
                            .isEqualTo(160L);
                    assertThat(browser.find(By.id("brandSupport")).getText())
                            .contains("help@acme.example");
                    assertThat(
                                    browser.find(By.cssSelector(".fmx-top"))
                                            .getCssValue("background-color"))
                            .isEqualTo("rgba(122, 31, 92, 1)");
                    String shot =
                            login.equals(domain)
                                    ? "branding-domain-console"
                                    : "branding-user-console";
                    browser.screenshot(shot);
                    Path file = Browser.SCREENSHOTS.resolve(shot + ".png");
                    assertThat(file).exists();
                    assertThat(Arrays.copyOf(Files.readAllBytes(file), 4))
                            .containsExactly(0x89, 'P', 'N', 'G');
                    browser.logout();
                }
            }

            // The login page on the brand's login host name, and on a host name no brand has.
            try (Browser browser =
                    Browser.open("--host-resolver-rules=MAP *.brand.test " + Gateway.HOST)) {
                browser.getUrl("http://" + host + ":" + Gateway.HTTP_PORT + "/login.xhtml");
                browser.awaitText(By.id("productName"), product);
                assertThat(browser.driver.getTitle()).startsWith(product);
                assertThat(browser.find(By.id("brandLogo")).getAttribute("src"))
                        .contains("/brand/");
                assertThat(browser.find(By.id("brandSupport")).getText())
                        .contains("help@acme.example");
                browser.screenshot("branding-login-host");
                assertThat(Browser.SCREENSHOTS.resolve("branding-login-host.png")).exists();

                browser.getUrl(
                        "http://unknown-"
                                + tag
                                + ".brand.test:"
                                + Gateway.HTTP_PORT
                                + "/login.xhtml");
                browser.awaitText(By.id("productName"), "FilterMX");
                assertThat(browser.source()).doesNotContain(product).doesNotContain("brandLogo");
            }

            // The rendered report, HTML and PDF.
            HttpResponse<byte[]> pdf =
                    preview(bob, "/reports/users/" + bob + "/preview?format=pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            String pdfText = pdfText(pdf.body());
            assertThat(pdfText)
                    .contains(product + " kept these messages")
                    .contains("help@acme.example")
                    .contains(subject);
            HttpResponse<byte[]> html = preview(bob, "/reports/users/" + bob + "/preview");
            assertThat(html.statusCode()).isEqualTo(200);
            String htmlText = new String(html.body(), StandardCharsets.UTF_8);
            assertThat(htmlText)
                    .contains(product + " kept these messages")
                    .contains("Questions? Write to help@acme.example.")
                    .contains("background-color:#7a1f5c")
                    .doesNotContain("FilterMX");
            Files.createDirectories(ARTIFACTS);
            Files.write(ARTIFACTS.resolve("branded-report.pdf"), pdf.body());
            Files.write(ARTIFACTS.resolve("branded-report.html"), html.body());

            // The release page of a held message.
            String release = releaseLink(htmlText, subject);
            HttpResponse<byte[]> page = get(release);
            assertThat(page.statusCode()).isEqualTo(200);
            String pageText = new String(page.body(), StandardCharsets.UTF_8);
            assertThat(pageText)
                    .contains("<title>Release this message? - " + product + "</title>")
                    .contains("id=\"productName\"")
                    .contains("/brand/")
                    .contains("Questions? Write to help@acme.example")
                    .contains("background:#0b7a3e");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("img-src 'self'"));
        }
    }

    @Test
    void aResellerBrandsItselfOnTheConsolesBrandingPage() throws Exception {
        String reseller = RESELLERS.addUnique("brand-ui");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String product = "Console Shield " + tag;
        Path logo = Files.createTempFile("logo", ".png");
        Files.write(logo, png(120, 30));
        try (Browser b = Browser.open()) {
            b.login(reseller, PASSWORD);
            b.get("/console/branding.xhtml");
            b.type("brand:productName", product);
            b.type("brand:primaryColor", "#123456");
            b.type("brand:accentColor", "green");
            b.type("brand:supportAddress", "desk@console.example");
            b.click("brand:save");
            assertThat(b.messages()).contains("#rrggbb");
            b.type("brand:accentColor", "#654321");
            b.click("brand:save");
            assertThat(b.messages()).contains("saved");

            b.driver.findElement(By.id("brand:logoFile_input")).sendKeys(logo.toString());
            assertThat(b.find(By.id("brand:logo")).getAttribute("src")).contains("/brand/");

            b.get("/console/index.xhtml");
            b.awaitText(By.id("productName"), product);
            assertThat(b.find(By.id("brandLogo")).getAttribute("src")).endsWith("/logo");
            assertThat(b.find(By.id("brandSupport")).getText()).contains("desk@console.example");
            b.screenshot("branding-reseller-console");
        } finally {
            Files.deleteIfExists(logo);
        }
        Api.Response stored = RESELLERS.as(reseller).get("/resellers/" + reseller + "/branding");
        assertThat(stored.json())
                .containsEntry("productName", product)
                .containsEntry("primaryColor", "#123456")
                .containsEntry("accentColor", "#654321")
                .containsEntry("logoType", "image/png");
    }

    @Test
    void theWelcomeMailCarriesTheBrand() throws Exception {
        String reseller = RESELLERS.addUnique("brand-w");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String product = "Welcome Shield " + tag;
        Api asReseller = RESELLERS.as(reseller);
        assertThat(
                        asReseller
                                .put("/resellers/" + reseller + "/branding", brand(product, null))
                                .status())
                .isEqualTo(200);
        assertThat(uploadLogo(reseller, reseller, png(120, 30), "image/png").statusCode())
                .isEqualTo(200);
        String domain = Gateway.uniqueDomain("brandwelcome");
        String carol = "carol@" + domain;
        try (RecipientCheckingSink sink = RecipientCheckingSink.accepting(carol)) {
            asReseller.addTenantDomain(domain, sink.port());
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            Api.Response on =
                    admin.put(
                            "/domains/" + domain + "/settings",
                            "{\"autoEnableUsers\":true,\"destinationCatchAll\":false}");
            assertThat(on.status()).as(on.toString()).isEqualTo(200);
            Gateway.awaitConfigurationReloaded();
            sendSpam(carol, "Spam that enables carol " + tag);

            List<RecipientCheckingSink.Received> welcome =
                    sink.awaitMessages(1, Duration.ofSeconds(30));
            assertThat(welcome).as("the welcome mail").hasSize(1);
            MimeMessage mail =
                    new MimeMessage(
                            Session.getInstance(new Properties()),
                            new ByteArrayInputStream(
                                    welcome.get(0).content().getBytes(StandardCharsets.UTF_8)));
            assertThat(mail.getHeader("Reply-To", null)).isEqualTo("help@acme.example");
            StringBuilder text = new StringBuilder();
            boolean[] inlineLogo = new boolean[1];
            collect(mail, text, inlineLogo);
            assertThat(text.toString())
                    .contains(product + " filters the mail of " + domain)
                    .contains("Questions? Write to help@acme.example.")
                    .contains("cid:brand-logo@filtermx");
            assertThat(inlineLogo[0]).as("the logo travels inline in the mail").isTrue();
        }
    }

    private static String brand(String product, String loginHost) {
        return "{\"productName\":\""
                + product
                + "\",\"primaryColor\":\"#7A1F5C\",\"accentColor\":\"#0b7a3e\","
                + "\"supportAddress\":\"help@acme.example\",\"loginHost\":"
                + (loginHost == null ? "null" : "\"" + loginHost + "\"")
                + "}";
    }

    private static void assertRefused(Api.Response r, int status, String detail) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().get("detail").toString()).as(r.toString()).contains(detail);
    }

    /**
     * A {@code width} x {@code height} PNG: an orange logo with a white band, seen on any header.
     */
    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf5, 0xa6, 0x23));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, height / 3, width, Math.max(1, height / 3));
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** {@code PUT /resellers/{name}/branding/logo} as reseller {@code as}, the image as body. */
    private static HttpResponse<String> uploadLogo(
            String as, String reseller, byte[] image, String type) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        Browser.BASE
                                                + "/api/v1/resellers/"
                                                + reseller
                                                + "/branding/logo"))
                        .header("Authorization", basic(as))
                        .header("Content-Type", type)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(image))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> preview(String user, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(Browser.BASE + "/api/v1" + path))
                        .header("Authorization", basic(user))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends GTUBE spam over SMTP and waits until it is held. */
    private void hold(String domain, String to, String subject) throws Exception {
        String from = "spammer@sender.example";
        sendSpam(to, subject);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (admin
                    .get("/quarantine" + Api.query("domain", domain, "sender", from))
                    .jsonArray()
                    .stream()
                    .anyMatch(h -> subject.equals(h.get("subject")))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not held: " + subject);
    }

    private static void sendSpam(String to, String subject) throws Exception {
        String from = "spammer@sender.example";
        String message =
                "From: "
                        + from
                        + "\r\nTo: "
                        + to
                        + "\r\nSubject: "
                        + subject
                        + "\r\nDate: Wed, 02 Dec 2026 10:00:00 +0000\r\nMessage-ID: <"
                        + UUID.randomUUID()
                        + "@sender.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                        + FilteringIT.GTUBE
                        + "\r\n";
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, List.of(to), message)).startsWith("250");
        }
    }

    /** The release link on the HTML report's line for {@code subject}. */
    private static String releaseLink(String html, String subject) {
        int line = html.indexOf(subject);
        assertThat(line).as("the report lists " + subject).isNotNegative();
        int at = html.indexOf("/release/", line);
        assertThat(at).as("a release link after " + subject).isNotNegative();
        int start = html.lastIndexOf('"', at) + 1;
        String link = html.substring(start, html.indexOf('"', at)).replace("&amp;", "&");
        // The link names the configured public URL; the test reaches the gateway directly.
        return Browser.BASE + link.substring(link.indexOf("/release/"));
    }

    /** The text and HTML parts of a mail, and whether it has the inline logo part. */
    private static void collect(Part part, StringBuilder text, boolean[] inlineLogo)
            throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, inlineLogo);
            }
        } else if (part.isMimeType("text/*")) {
            text.append(part.getContent()).append('\n');
        } else if (part.isMimeType("image/png")) {
            String[] id = part.getHeader("Content-ID");
            inlineLogo[0] |= id != null && id[0].equals("<brand-logo@filtermx>");
        }
    }

    /** The PDF's text as poppler's {@code pdftotext} reads it, line breaks taken out. */
    private static String pdfText(byte[] pdf) throws IOException, InterruptedException {
        Files.createDirectories(ARTIFACTS);
        Path file = Files.createTempFile(ARTIFACTS, "branded-", ".pdf");
        try {
            Files.write(file, pdf);
            Process p =
                    new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                            .redirectErrorStream(true)
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
            return new String(out, StandardCharsets.UTF_8).replace("\n", " ");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
