package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The outgoing path over real sockets: an outgoing user submits on 587 (STARTTLS, AUTH PLAIN), the
 * gateway finds the recipients' MX through a real DNS server (dnsmasq) and delivers to {@code
 * smtp-sink} listening as that MX on {@code FILTERMX_MX_PORT}, DKIM-signed; spam is refused 550,
 * held in the outgoing quarantine, reported in ARF to the administrator contact (checked field by
 * field) and locks the sender until it is unlocked; only an administrator releases held outgoing
 * mail, which then goes to the MX.
 */
@GatewayTest
@RunAsClient
class OutboundIT {

    private static final String PASSWORD = "Outgoing-Secret-42";
    private static final String LOGIN_PASSWORD = "Domain-Login-Secret-42";
    private static final String GTUBE =
            "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private final Api admin = Gateway.admin();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String domain;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (domain != null) {
            admin.delete("/domains/" + domain);
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /**
     * A hosted domain whose route (and so its administrator contact abuse@domain) is a sink, with
     * one outgoing user shop@domain; returns the contact's sink.
     */
    private SmtpSink hostedDomainWithUser() throws Exception {
        SmtpSink contact = SmtpSink.start();
        resources.add(contact);
        domain = "out-" + tag() + ".test";
        admin.addDomain(domain, contact.port());
        Api.Response settings =
                admin.put(
                        "/domains/" + domain + "/settings",
                        "{\"adminContact\":\"abuse@"
                                + domain
                                + "\",\"password\":\""
                                + LOGIN_PASSWORD
                                + "\"}");
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
        return contact;
    }

    /** dnsmasq with {@code remote}'s MX on loopback, and smtp-sink as that MX. */
    private SmtpSink remoteMx(String remote, String... sinkOptions) throws Exception {
        return remoteMx(Dnsmasq.builder(), remote, sinkOptions);
    }

    private SmtpSink remoteMx(Dnsmasq.Builder records, String remote, String... sinkOptions)
            throws Exception {
        Dnsmasq dns =
                records.mx(remote, "mx." + remote, 10).address("mx." + remote, "127.0.0.1").start();
        resources.add(dns);
        SmtpSink mx = SmtpSink.startOn(Gateway.MX_PORT, sinkOptions);
        resources.add(mx);
        return mx;
    }

    private Submission.Result submit(String to, String subject, String body) throws Exception {
        return Submission.send(
                Submission.Port.STARTTLS,
                Submission.Auth.PLAIN,
                "shop@" + domain,
                PASSWORD,
                "alice@" + domain,
                List.of(to),
                "From: Alice <alice@"
                        + domain
                        + ">\r\nTo: <"
                        + to
                        + ">\r\nSubject: "
                        + subject
                        + "\r\nMessage-ID: <"
                        + tag()
                        + "@"
                        + domain
                        + ">\r\n\r\n"
                        + body
                        + "\r\n");
    }

    @Test
    void authenticatedMailGoesToTheRecipientsMxSigned() throws Exception {
        hostedDomainWithUser();
        Api.Response key = admin.post("/domains/" + domain + "/dkim", "{\"algorithm\":\"rsa\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        if (!Boolean.TRUE.equals(key.json().get("active"))) {
            String id = Api.id(key.json().get("id"));
            assertThat(
                            admin.post("/domains/" + domain + "/dkim/" + id + "/activate", "{}")
                                    .status())
                    .isEqualTo(200);
        }
        String remote = "remote-" + tag() + ".test";
        // The key published as the DNS status says, for an independent verifier.
        SmtpSink mx =
                remoteMx(
                        Dnsmasq.builder()
                                .txt(
                                        (String) key.json().get("recordName"),
                                        (String) key.json().get("record")),
                        remote);

        Submission.Result sent = submit("bob@" + remote, "quarterly figures", "See you on Monday.");

        assertThat(sent.accepted()).as(sent.replies().toString()).isTrue();
        List<String> got = mx.awaitMessages(1, DELIVERY);
        assertThat(got).hasSize(1);
        String delivered = got.get(0);
        assertThat(delivered)
                .contains("bob@" + remote)
                .contains("Subject: quarterly figures")
                .contains("See you on Monday.")
                .containsPattern("(?s)DKIM-Signature:.*d=" + domain.replace(".", "\\."))
                .containsPattern("Received: from [^\\r\\n]*\\r?\\n\\s+by mx\\.filtermx\\.test")
                .contains("with ESMTPSA");
        // The signature is on top of the gateway's Received field, which it does not cover.
        assertThat(delivered.indexOf("DKIM-Signature:"))
                .isLessThan(delivered.indexOf("by mx.filtermx.test"));
        assertThat(dkimpy(delivered)).as("dkimpy verifies the delivered message").isEqualTo(0);
        assertThat(dkimpy(delivered.replace("See you on Monday.", "See you on Tuesday.")))
                .as("a changed body fails")
                .isEqualTo(1);
    }

    /** Debian's dkimpy (python3-dkim), keys read through dnspython from the test's dnsmasq. */
    private static final String VERIFIER =
            String.join(
                    "\n",
                    "import sys, dkim, dns.resolver",
                    "message = open(sys.argv[1], 'rb').read()",
                    "r = dns.resolver.Resolver(configure=False)",
                    "r.nameservers = [sys.argv[2]]",
                    "r.port = int(sys.argv[3])",
                    "r.lifetime = 5",
                    "def txt(name, timeout=5):",
                    "    name = name.decode() if isinstance(name, bytes) else name",
                    "    return b''.join(r.resolve(name, 'TXT')[0].strings)",
                    "try:",
                    "    ok = dkim.verify(message, dnsfunc=txt)",
                    "except Exception as e:",
                    "    print('dkimpy failed', e)",
                    "    sys.exit(2)",
                    "print('dkimpy says', ok)",
                    "sys.exit(0 if ok else 1)",
                    "");

    /** dkimpy's exit code on {@code message}: 0 verified, 1 not, 2 could not check. */
    private static int dkimpy(String message) throws Exception {
        Path dir = Files.createTempDirectory("outbound-dkim");
        try {
            Path script = Files.writeString(dir.resolve("verify.py"), VERIFIER);
            Path eml =
                    Files.writeString(dir.resolve("m.eml"), message, StandardCharsets.ISO_8859_1);
            InetSocketAddress dns = Dnsmasq.resolverAddress();
            Process python =
                    new ProcessBuilder(
                                    // Debian's python3, which has python3-dkim (not a venv's).
                                    Files.isExecutable(Path.of("/usr/bin/python3"))
                                            ? "/usr/bin/python3"
                                            : "python3",
                                    script.toString(),
                                    eml.toString(),
                                    dns.getAddress().getHostAddress(),
                                    String.valueOf(dns.getPort()))
                            .redirectErrorStream(true)
                            .start();
            String said = new String(python.getInputStream().readAllBytes());
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(said).as("dkimpy ran").contains("dkimpy says");
            return python.exitValue();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void aRecipientTheMxRefusesBouncesToTheOutgoingSender() throws Exception {
        SmtpSink senderDomain = hostedDomainWithUser();
        String remote = "remote-" + tag() + ".test";
        remoteMx(remote, "-f", "rcpt");

        Submission.Result sent = submit("nobody@" + remote, "invoice", "Please pay.");

        assertThat(sent.accepted()).as(sent.replies().toString()).isTrue();
        // alice@<domain> is hosted: its DSN goes to the domain's route, the sink.
        List<String> dsns = senderDomain.awaitMessages(1, DELIVERY);
        assertThat(dsns).hasSize(1);
        assertThat(dsns.get(0))
                .contains("X-Rcpt-Args: <alice@" + domain + ">")
                .contains("X-Mail-Args: <>")
                .containsPattern(
                        "(?i)Content-Type: multipart/report;[\\s\\S]*report-type=\"?delivery-status")
                .containsPattern(
                        "Final-Recipient: (?i)rfc822; ?nobody@" + remote.replace(".", "\\."))
                .contains("Action: failed")
                .contains("Subject: invoice");
    }

    @Test
    void anAddressAuthorizedUserSendsByMxWithoutAuth() throws Exception {
        hostedDomainWithUser();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String base = "127." + r.nextInt(10, 250) + "." + r.nextInt(10, 250) + ".";
        Api.Response ipUser =
                admin.post(
                        "/outgoing-users",
                        "{\"domain\":\"" + domain + "\",\"ip\":\"" + base + "0/24\"}");
        assertThat(ipUser.status()).as(ipUser.toString()).isEqualTo(201);
        String remote = "remote-" + tag() + ".test";
        SmtpSink mx = remoteMx(remote);

        String end;
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(base + "7", 0));
        socket.connect(new InetSocketAddress(Gateway.HOST, Gateway.SUBMISSION_PORT), 10_000);
        try (SmtpConversation smtp = new SmtpConversation(socket)) {
            smtp.hello();
            assertThat(smtp.command("STARTTLS")).startsWith("220");
            smtp.startTls();
            assertThat(smtp.command("EHLO web.example")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<www@" + domain + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<carol@" + remote + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send(
                    "From: <www@"
                            + domain
                            + ">\r\nSubject: order 1234 shipped\r\n\r\nYour order is on its way.\r\n.\r\n");
            end = smtp.reply();
            smtp.command("QUIT");
        }

        assertThat(end)
                .as("held: %s", admin.get("/quarantine?direction=outgoing&domain=" + domain).body())
                .startsWith("250");
        List<String> got = mx.awaitMessages(1, DELIVERY);
        assertThat(got).hasSize(1);
        assertThat(got.get(0))
                .contains("carol@" + remote)
                .contains("Subject: order 1234 shipped")
                .contains("[" + base + "7]")
                .containsPattern("with ESMTPS\\s");
    }

    @Test
    void spamIsRefusedHeldReportedAndLocksTheSenderUntilUnlocked() throws Exception {
        SmtpSink contact = hostedDomainWithUser();
        String remote = "remote-" + tag() + ".test";
        SmtpSink mx = remoteMx(remote);

        Submission.Result spam = submit("victim@" + remote, "cheap pills", GTUBE);

        assertThat(spam.last())
                .startsWith("550 5.7.1 Message blocked as spam by the outgoing filter")
                .contains("locked")
                .contains("abuse@" + domain);

        // The ARF report to the administrator contact, field by field.
        List<String> reports = contact.awaitMessages(1, DELIVERY);
        assertThat(reports).hasSize(1);
        String raw = reports.get(0);
        MimeMessage report =
                new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(report.getSubject())
                .isEqualTo("Outgoing account locked: spam from shop@" + domain);
        assertThat(report.getContentType())
                .startsWith("multipart/report")
                .contains("report-type=feedback-report");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("shop@" + domain)
                .contains("THE ACCOUNT IS NOW LOCKED");
        BodyPart feedback = parts.getBodyPart(1);
        assertThat(feedback.getContentType()).startsWith("message/feedback-report");
        InternetHeaders fields;
        try (InputStream in = feedback.getInputStream()) {
            fields = new InternetHeaders(in);
        }
        assertThat(fields.getHeader("Feedback-Type")).containsExactly("abuse");
        assertThat(fields.getHeader("User-Agent")).containsExactly("FilterMX/1.0");
        assertThat(fields.getHeader("Version")).containsExactly("1");
        assertThat(fields.getHeader("Original-Mail-From"))
                .containsExactly("<alice@" + domain + ">");
        assertThat(fields.getHeader("Original-Rcpt-To")).containsExactly("<victim@" + remote + ">");
        ZonedDateTime arrival =
                ZonedDateTime.parse(
                        fields.getHeader("Arrival-Date")[0], DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(arrival).isBetween(ZonedDateTime.now().minusMinutes(5), ZonedDateTime.now());
        assertThat(fields.getHeader("Source-IP")).containsExactly("127.0.0.1");
        assertThat(fields.getHeader("Reported-Domain")).containsExactly(domain);
        assertThat(fields.getHeader("X-FilterMX-Outgoing-User")).containsExactly("shop@" + domain);
        BodyPart original = parts.getBodyPart(2);
        assertThat(original.getContentType()).startsWith("message/rfc822");
        assertThat(((MimeMessage) original.getContent()).getSubject()).isEqualTo("cheap pills");

        // Held in the outgoing quarantine.
        List<Map<String, Object>> held =
                admin.get("/quarantine?direction=outgoing&domain=" + domain).jsonArray();
        assertThat(held).hasSize(1);
        assertThat(held.get(0))
                .containsEntry("direction", "OUTBOUND")
                .containsEntry("sender", "alice@" + domain);
        assertThat(admin.get("/quarantine?direction=incoming&domain=" + domain).jsonArray())
                .isEmpty();
        String heldId = Api.id(held.get(0).get("id"));
        try (Browser b = Browser.open()) {
            b.login("admin", Gateway.ADMIN_PASSWORD);
            b.get("/console/quarantine.xhtml");
            b.type("q:domain", domain);
            b.choose("q:direction", "Outgoing");
            b.click("q:search");
            b.awaitText(By.id("q:messages"), "alice@" + domain + " (outgoing)");
            b.choose("q:direction", "Incoming");
            b.click("q:search");
            b.awaitText(By.id("q:messages"), "No held messages.");
        }

        // Locked: the next transaction is refused at MAIL.
        Submission.Result next = submit("bob@" + remote, "hello", "A clean message.");
        assertThat(next.last()).startsWith("550 5.7.1");

        // The domain's own login may not release held outgoing mail, nor lift its thresholds.
        Api login = new Api(domain, LOGIN_PASSWORD);
        assertThat(login.post("/quarantine/" + heldId + "/release", "{}").status()).isEqualTo(403);
        assertThat(
                        login.put(
                                        "/domains/" + domain + "/settings",
                                        "{\"outbound\":{\"spamThreshold\":900}}")
                                .status())
                .isEqualTo(403);
        assertThat(mx.messagesAfter(Duration.ofSeconds(2))).isEmpty();

        // An administrator releases it: it goes to the recipient's MX.
        Api.Response released = admin.post("/quarantine/" + heldId + "/release", "{}");
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        List<String> atMx = mx.awaitMessages(1, DELIVERY);
        assertThat(atMx).hasSize(1);
        assertThat(atMx.get(0)).contains("victim@" + remote).contains("GTUBE-STANDARD");

        // Unlocked through the API, the user sends again.
        List<Map<String, Object>> users = admin.get("/outgoing-users?domain=" + domain).jsonArray();
        String userId = Api.id(users.get(0).get("id"));
        assertThat(admin.post("/outgoing-users/" + userId + "/unlock", "{}").status())
                .isEqualTo(200);
        Submission.Result again = submit("bob@" + remote, "hello", "A clean message.");
        assertThat(again.accepted()).as(again.replies().toString()).isTrue();
        assertThat(mx.awaitMessages(2, DELIVERY)).hasSize(2);
    }

    @Test
    void administratorsSetTheDomainsOutboundThresholds() throws Exception {
        hostedDomainWithUser();

        Api.Response changed =
                admin.put(
                        "/domains/" + domain + "/settings",
                        "{\"outbound\":{\"spamThreshold\":7,\"lockThreshold\":20}}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body())
                .contains("\"spamThreshold\":7.0")
                .contains("\"lockThreshold\":20.0")
                .contains("\"clusterDefault\":false");

        Api.Response inverted =
                admin.put(
                        "/domains/" + domain + "/settings", "{\"outbound\":{\"lockThreshold\":3}}");
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(inverted.body()).contains("lockThreshold");

        try (Browser b = Browser.open()) {
            b.login("admin", Gateway.ADMIN_PASSWORD);
            b.get("/console/domain.xhtml?name=" + domain);
            b.typeNumber("outbound:outboundSpam", 6);
            b.typeNumber("outbound:outboundLock", 15);
            b.click("outbound:saveOutbound");
            assertThat(b.messages()).contains("Outbound thresholds saved.");
            assertThat(admin.get("/domains/" + domain).body())
                    .contains("\"spamThreshold\":6.0")
                    .contains("\"lockThreshold\":15.0");
            b.logout();
            b.login(domain, LOGIN_PASSWORD);
            b.get("/console/domain.xhtml?name=" + domain);
            assertThat(b.find(By.id("outbound")).getText())
                    .contains("Spam threshold 6")
                    .contains("set by your provider");
            assertThat(b.findAll(By.id("outbound:saveOutbound"))).isEmpty();
        }

        Api.Response reset =
                admin.put(
                        "/domains/" + domain + "/settings",
                        "{\"outbound\":{\"clusterDefault\":true}}");
        assertThat(reset.body())
                .contains("\"spamThreshold\":5.0")
                .contains("\"lockThreshold\":10.0")
                .contains("\"clusterDefault\":true");
    }
}
