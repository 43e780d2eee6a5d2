package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Protection reports end to end, over real sockets against the deployed gateway and MariaDB: spam
 * held over SMTP shows up in the report that {@code POST /reports/users/{address}/send} hands to
 * the domain's destination (a multipart mail with the PDF attached, sent with the null sender and
 * {@code Auto-Submitted}); the PDF, read back with poppler's {@code pdftotext}, names the held
 * message; the HTML's release link shows the confirm page and releases once; the next report covers
 * only what came after; a domain's report goes to its report address or admin contact; an email
 * user gets its own report only. The rendered PDF and HTML are kept in {@code target/reports/}
 * ({@code user-report.*}, {@code domain-report.*}): {@code FILTERMX_IT_SLOT=<n>
 * scripts/it-alt-ports.sh -o -q -pl src-test -am -Dit.test=ReportsIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@GatewayTest
@RunAsClient
class ReportsIT {

    private static final String PASSWORD = "Report-Reader-42";
    private static final Path ARTIFACTS = Path.of("target", "reports");
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private final Api api = Gateway.admin();

    /** A report mail as received: the sink's dump, the parsed message and its parts. */
    private record Received(
            String dump, MimeMessage message, String text, String html, byte[] pdf) {}

    @Test
    void userReportListsHeldSpamWithAReleaseLinkThatReleasesOnce() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "report");
            String bob = "bob@" + domain;
            addUser(bob, "pdf");
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String released = "Cheap watches " + tag;
            String kept = "Lottery win " + tag;
            hold(domain, "spammer@sender.example", bob, released);
            hold(domain, "winner@lottery.example", bob, kept);

            Api.Response first = api.post("/reports/users/" + bob + "/send", "");
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json())
                    .containsEntry("subject", bob)
                    .containsEntry("recipient", bob)
                    .containsEntry("sent", true);
            Received report = received(sink.awaitMessages(1, Duration.ofSeconds(30)), 1);
            save("user-report", report);

            // RFC 5321 section 4.5.5: reports go out with the null reverse-path.
            assertThat(report.dump())
                    .contains("X-Mail-Args: <>")
                    .contains("X-Rcpt-Args: <" + bob + ">");
            assertThat(report.message().getHeader("Auto-Submitted"))
                    .containsExactly("auto-generated");
            assertThat(report.message().getContentType()).startsWith("multipart/mixed");
            assertThat(report.text()).contains(released).contains(kept);
            assertThat(report.html()).contains("spammer@sender.example").contains(released);
            assertThat(pdfText(report.pdf()))
                    .contains("spammer@sender.example")
                    .contains(released)
                    .contains(kept);

            String link = releaseLink(report.html(), released);
            HttpResponse<String> page =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(link)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Release this message?").contains(released);
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).hasSize(1);

            HttpResponse<String> release = post(link);
            assertThat(release.body()).contains("Released");
            List<String> mails = sink.awaitMessages(2, Duration.ofSeconds(30));
            assertThat(mails).hasSize(2);
            assertThat(mails.get(1)).contains("Subject: " + released);
            assertThat(post(link).body()).contains("Already released");
            assertThat(sink.messagesAfter(Duration.ofSeconds(3))).hasSize(2);

            // The next report starts where the first ended: only mail held since is in it.
            String later = "Later offer " + tag;
            hold(domain, "spammer@sender.example", bob, later);
            Api.Response second = api.post("/reports/users/" + bob + "/send", "");
            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(second.json())
                    .containsEntry("sent", true)
                    .containsEntry("periodStart", first.json().get("periodEnd"));
            assertThat(Instant.parse((String) second.json().get("periodEnd")))
                    .isAfter(Instant.parse((String) first.json().get("periodEnd")));
            Received next = received(sink.awaitMessages(3, Duration.ofSeconds(30)), 3);
            assertThat(next.html()).contains(later).doesNotContain(kept);
            assertThat(pdfText(next.pdf())).contains(later).doesNotContain(kept);
        }
    }

    @Test
    void domainReportGoesToTheAdminContactThenToTheReportAddress() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "domrep");
            String subject = "Domain spam " + UUID.randomUUID().toString().substring(0, 8);
            hold(domain, "bulk@spam.example", "carol@" + domain, subject);
            Api.Response none = api.post("/reports/domains/" + domain + "/send", "");
            assertThat(none.status()).as(none.toString()).isEqualTo(400);
            assertThat(none.json().get("detail").toString()).contains("admin contact");

            assertThat(
                            api.put(
                                            "/domains/" + domain + "/settings",
                                            "{\"adminContact\":\"postmaster@" + domain + "\"}")
                                    .status())
                    .isEqualTo(200);
            Api.Response sent = api.post("/reports/domains/" + domain + "/send", "");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.json())
                    .containsEntry("subject", domain)
                    .containsEntry("recipient", "postmaster@" + domain);
            Received toContact = received(sink.awaitMessages(1, Duration.ofSeconds(30)), 1);
            assertThat(toContact.dump()).contains("X-Rcpt-Args: <postmaster@" + domain + ">");
            assertThat(toContact.pdf()).as("HTML is the default format").isNull();
            assertThat(toContact.html())
                    .contains(subject)
                    .contains("bulk@spam.example")
                    .contains("carol@" + domain);

            Api.Response changed =
                    api.put(
                            "/domains/" + domain + "/settings",
                            "{\"reports\":{\"frequency\":\"weekly\",\"format\":\"pdf\","
                                    + "\"address\":\"reports@"
                                    + domain
                                    + "\"}}");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(reports(domain))
                    .containsEntry("frequency", "weekly")
                    .containsEntry("format", "pdf")
                    .containsEntry("address", "reports@" + domain);

            // An invalid setting is refused as a whole: the catch-all flag beside it stays off.
            for (String bad :
                    List.of(
                            "{\"catchAll\":true,\"reports\":{\"frequency\":\"hourly\"}}",
                            "{\"catchAll\":true,\"reports\":{\"format\":\"doc\"}}",
                            "{\"catchAll\":true,\"reports\":{\"address\":\"a@b, c@d\"}}")) {
                Api.Response refused = api.put("/domains/" + domain + "/settings", bad);
                assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
                assertThat(refused.json().get("detail").toString()).contains("reports.");
            }
            assertThat(api.get("/domains/" + domain).json()).containsEntry("catchAll", false);
            assertThat(reports(domain)).containsEntry("frequency", "weekly");

            Api.Response again = api.post("/reports/domains/" + domain + "/send", "");
            assertThat(again.json()).containsEntry("recipient", "reports@" + domain);
            Received toAddress = received(sink.awaitMessages(2, Duration.ofSeconds(30)), 2);
            save("domain-report", toAddress);
            assertThat(toAddress.dump()).contains("X-Rcpt-Args: <reports@" + domain + ">");
            assertThat(toAddress.pdf()).isNotNull();

            assertThat(
                            api.put(
                                            "/domains/" + domain + "/settings",
                                            "{\"reports\":{\"frequency\":\"never\",\"address\":\"\"}}")
                                    .status())
                    .isEqualTo(200);
            assertThat(reports(domain))
                    .containsEntry("frequency", "never")
                    .containsEntry("format", "pdf")
                    .doesNotContainKey("address");
        }
    }

    @Test
    void anEmailUserSendsAndPreviewsItsOwnReportOnly() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = holdingDomain(sink, "ownrep");
            String bob = "bob@" + domain;
            String carol = "carol@" + domain;
            addUser(bob, "html");
            addUser(carol, "html");
            Api asBob = new Api(bob, PASSWORD);

            assertThat(asBob.post("/reports/users/" + carol + "/send", "").status()).isEqualTo(404);
            assertThat(asBob.get("/reports/users/" + carol + "/preview").status()).isEqualTo(404);
            assertThat(asBob.post("/reports/domains/" + domain + "/send", "").status())
                    .isEqualTo(404);
            assertThat(asBob.get("/reports/domains/" + domain + "/preview").status())
                    .isEqualTo(404);
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).isEmpty();

            HttpResponse<byte[]> pdf =
                    preview(bob, "/reports/users/" + bob + "/preview?format=pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(pdfText(pdf.body())).contains(bob);
            HttpResponse<byte[]> html = preview(bob, "/reports/users/" + bob + "/preview");
            assertThat(html.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            Api.Response badFormat = asBob.get("/reports/users/" + bob + "/preview?format=doc");
            assertThat(badFormat.status()).isEqualTo(400);
            assertThat(badFormat.json().get("detail").toString()).contains("html or pdf");
            assertThat(sink.messagesAfter(Duration.ofSeconds(1)))
                    .as("a preview sends nothing")
                    .isEmpty();

            Api.Response own = asBob.post("/reports/users/" + bob + "/send", "");
            assertThat(own.status()).as(own.toString()).isEqualTo(200);
            assertThat(own.json()).containsEntry("recipient", bob).containsEntry("sent", true);
            List<String> mails = sink.awaitMessages(1, Duration.ofSeconds(30));
            assertThat(mails).hasSize(1);
            assertThat(mails.get(0)).contains("X-Rcpt-Args: <" + bob + ">");

            assertThat(api.post("/reports/users/nobody@" + domain + "/send", "").status())
                    .isEqualTo(404);
            assertThat(api.post("/reports/domains/unknown-" + domain + "/send", "").status())
                    .isEqualTo(404);
        }
    }

    /** A hosted domain on {@code sink} whose spam is held, not refused. */
    private String holdingDomain(SmtpSink sink, String prefix) {
        String domain = Gateway.uniqueDomain(prefix);
        api.addDomain(domain, sink.port());
        assertThat(
                        api.put(
                                        "/domains/" + domain + "/filter-policy",
                                        "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                .status())
                .isEqualTo(200);
        return domain;
    }

    private void addUser(String address, String format) {
        String domain = address.substring(address.indexOf('@') + 1);
        Api.Response r =
                api.post(
                        "/domains/" + domain + "/users",
                        "{\"address\":\""
                                + address
                                + "\",\"password\":\""
                                + PASSWORD
                                + "\",\"reports\":{\"frequency\":\"daily\",\"format\":\""
                                + format
                                + "\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> reports(String domain) {
        return (Map<String, Object>) api.get("/domains/" + domain).json().get("reports");
    }

    /** Sends GTUBE spam over SMTP and waits until it is held. */
    private void hold(String domain, String from, String to, String subject) throws Exception {
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
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (api
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

    /** The {@code n}th mail the sink received, parsed, with its text, HTML and PDF parts. */
    private static Received received(List<String> mails, int n) throws Exception {
        assertThat(mails).hasSizeGreaterThanOrEqualTo(n);
        String dump = mails.get(n - 1);
        MimeMessage m =
                new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(dump.getBytes(StandardCharsets.ISO_8859_1)));
        String[] text = new String[1];
        String[] html = new String[1];
        byte[][] pdf = new byte[1][];
        walk(m.getContent(), m.getContentType(), text, html, pdf);
        assertThat(text[0]).as("plain-text part").isNotNull();
        assertThat(html[0]).as("HTML part").isNotNull();
        return new Received(dump, m, text[0], html[0], pdf[0]);
    }

    private static void walk(
            Object content, String type, String[] text, String[] html, byte[][] pdf)
            throws Exception {
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                walk(part.getContent(), part.getContentType(), text, html, pdf);
            }
        } else if (type.startsWith("text/plain")) {
            text[0] = (String) content;
        } else if (type.startsWith("text/html")) {
            html[0] = (String) content;
        } else if (type.startsWith("application/pdf")) {
            pdf[0] = ((InputStream) content).readAllBytes();
        }
    }

    /** The release link on the HTML report's line for {@code subject}. */
    private static String releaseLink(String html, String subject) {
        int line = html.indexOf(subject);
        assertThat(line).as("the report lists " + subject).isNotNegative();
        String prefix = "href=\"http://127.0.0.1:" + Gateway.HTTP_PORT + "/release/";
        int at = html.indexOf(prefix, line);
        assertThat(at).as("a release link after " + subject).isNotNegative();
        int start = at + "href=\"".length();
        return html.substring(start, html.indexOf('"', start)).replace("&amp;", "&");
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> preview(String user, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://"
                                                + Gateway.HOST
                                                + ":"
                                                + Gateway.HTTP_PORT
                                                + "/api/v1"
                                                + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The PDF's text as poppler's {@code pdftotext} reads it. */
    private static String pdfText(byte[] pdf) throws IOException, InterruptedException {
        assertThat(pdf).as("a PDF attachment").isNotNull();
        Files.createDirectories(ARTIFACTS);
        Path file = Files.createTempFile(ARTIFACTS, "read-", ".pdf");
        try {
            Files.write(file, pdf);
            Process p =
                    new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                            .redirectErrorStream(true)
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
            // pdftotext may wrap long cells: compare with the line breaks taken out.
            return new String(out, StandardCharsets.UTF_8).replace("\n", " ");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Keeps the rendered report as a build artifact: {@code target/reports/<name>.pdf|.html}. */
    private static void save(String name, Received report) throws IOException {
        Files.createDirectories(ARTIFACTS);
        Files.writeString(ARTIFACTS.resolve(name + ".html"), report.html(), StandardCharsets.UTF_8);
        Files.writeString(ARTIFACTS.resolve(name + ".txt"), report.text(), StandardCharsets.UTF_8);
        if (report.pdf() != null) {
            Files.write(ARTIFACTS.resolve(name + ".pdf"), report.pdf());
        }
    }
}
