package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Authentication posture per domain (issue 20): a DMARC aggregate report, zipped and attached as
 * reporters send it, goes by SMTP to the cluster's rua address (it-env.sh's hostname gives {@code
 * dmarc-reports@mx.filtermx.test}) and its sources then show in the domain's posture over the API
 * and in the console; the MTA-STS policy is served over HTTP for {@code Host: mta-sts.<domain>};
 * other tenants are refused.
 */
@GatewayTest
@RunAsClient
class PostureIT {

    static final String RUA = "dmarc-reports@mx.filtermx.test";
    private static final String LOGIN_PASSWORD = "Posture-login-" + UUID.randomUUID();

    @RegisterExtension
    static final Resellers RESELLERS = new Resellers("Posture-reseller-" + UUID.randomUUID());

    private final Api admin = Gateway.admin();

    /** A report about {@code domain} as Google writes it (RFC 7489 appendix C). */
    static String report(String domain, String reportId) {
        long end = Instant.now().getEpochSecond();
        long begin = end - 86400;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<feedback>\n"
                + "  <report_metadata><org_name>google.com</org_name>"
                + "<email>noreply-dmarc-support@google.com</email>"
                + "<report_id>"
                + reportId
                + "</report_id>"
                + "<date_range><begin>"
                + begin
                + "</begin><end>"
                + end
                + "</end></date_range>"
                + "</report_metadata>\n"
                + "  <policy_published><domain>"
                + domain
                + "</domain><adkim>r</adkim>"
                + "<aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>\n"
                + record("192.0.2.10", 12, "pass", "pass", domain)
                + record("2001:db8::25", 3, "fail", "fail", domain)
                + "</feedback>\n";
    }

    private static String record(String ip, int count, String dkim, String spf, String domain) {
        return "  <record><row><source_ip>"
                + ip
                + "</source_ip><count>"
                + count
                + "</count>"
                + "<policy_evaluated><disposition>none</disposition><dkim>"
                + dkim
                + "</dkim>"
                + "<spf>"
                + spf
                + "</spf></policy_evaluated></row>"
                + "<identifiers><header_from>"
                + domain
                + "</header_from></identifiers>"
                + "<auth_results><spf><domain>"
                + domain
                + "</domain><result>"
                + spf
                + "</result></spf></auth_results></record>\n";
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static String mail(String domain, String reportId, byte[] zip) {
        String name = "google.com!" + domain + "!" + reportId + ".zip";
        return "From: noreply-dmarc-support@google.com\r\n"
                + "To: "
                + RUA
                + "\r\n"
                + "Subject: Report domain: "
                + domain
                + " Submitter: google.com Report-ID: "
                + reportId
                + "\r\n"
                + "Message-ID: <"
                + reportId
                + "@google.com>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"000b1\"\r\n\r\n"
                + "--000b1\r\nContent-Type: text/plain\r\n\r\nDMARC aggregate report.\r\n"
                + "--000b1\r\nContent-Type: application/zip; name=\""
                + name
                + "\"\r\n"
                + "Content-Disposition: attachment; filename=\""
                + name
                + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(zip)
                + "\r\n--000b1--\r\n";
    }

    private static String send(String content) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            return smtp.transaction("noreply-dmarc-support@google.com", List.of(RUA), content);
        }
    }

    private static String sendReport(String domain, String reportId) throws IOException {
        byte[] xml = report(domain, reportId).getBytes(StandardCharsets.UTF_8);
        return send(mail(domain, reportId, zip("google.com!" + domain + ".xml", xml)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> sources(Map<String, Object> posture) {
        Map<String, Map<String, Object>> byAddress = new java.util.LinkedHashMap<>();
        for (Object s : (List<Object>) posture.get("sources")) {
            Map<String, Object> source = (Map<String, Object>) s;
            byAddress.put((String) source.get("address"), source);
        }
        return byAddress;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aZippedReportByMailShowsWhoSendsAsTheDomain() throws Exception {
        String domain = Gateway.uniqueDomain("posture");
        admin.addDomain(domain, 2525);
        try (Dnsmasq dns =
                Dnsmasq.builder()
                        .txt("_dmarc." + domain, "v=DMARC1; p=none; rua=mailto:" + RUA)
                        .start()) {
            String reportId = "r-" + UUID.randomUUID();
            String reply = sendReport(domain, reportId);
            assertThat(reply).startsWith("250 2.0.0");

            Map<String, Object> posture = posture(admin, domain);
            Map<String, Map<String, Object>> sources = sources(posture);
            assertThat(sources.keySet()).containsExactly("192.0.2.10", "2001:db8::25");
            assertThat(sources.get("192.0.2.10"))
                    .containsEntry("messages", 12.0)
                    .containsEntry("dmarcPass", 12.0)
                    .containsEntry("aligned", true);
            assertThat(sources.get("2001:db8::25"))
                    .containsEntry("messages", 3.0)
                    .containsEntry("dmarcPass", 0.0)
                    .containsEntry("aligned", false);
            assertThat((List<String>) posture.get("unaligned")).containsExactly("2001:db8::25");
            Map<String, Object> dmarc = (Map<String, Object>) posture.get("dmarc");
            assertThat(dmarc)
                    .containsEntry("status", "ok")
                    .containsEntry("policy", "none")
                    .containsEntry("reportsHere", true);
            assertThat((String) posture.get("nextStep")).contains("2001:db8::25");
            // p=none 30, rua here 5, 12 of 15 messages passing 8.
            assertThat(posture.get("score")).isEqualTo(43.0);

            // The same report again (reporters resend) adds nothing.
            assertThat(sendReport(domain, reportId)).startsWith("250");
            assertThat(sources(posture(admin, domain)).get("192.0.2.10"))
                    .containsEntry("messages", 12.0);
            // Parsed, the kept mail's content is dropped; the outcome stays.
            assertThat(
                            Gateway.query(
                                    "SELECT COUNT(*) FROM dmarc_inbox WHERE outcome = 'duplicate "
                                            + reportId
                                            + "' AND LENGTH(content) = 0"))
                    .isEqualTo("1");
            assertThat(
                            Gateway.query(
                                    "SELECT outcome FROM dmarc_inbox WHERE outcome LIKE"
                                            + " 'duplicate "
                                            + reportId
                                            + "%'"))
                    .contains("duplicate " + reportId);

            // A report about a domain the cluster does not host is kept but stores nothing.
            String foreign = "r-" + UUID.randomUUID();
            assertThat(sendReport("not-hosted-" + foreign + ".test", foreign)).startsWith("250");
            assertThat(
                            Gateway.query(
                                    "SELECT COUNT(*) FROM dmarc_report WHERE report_id = '"
                                            + foreign
                                            + "'"))
                    .isEqualTo("0");

            // A zip bomb (21 MiB of zeros in a 21 KiB zip) is refused without harm.
            String bombId = "bomb-" + UUID.randomUUID();
            assertThat(send(mail(domain, bombId, zip("r.xml", new byte[21 * 1024 * 1024]))))
                    .startsWith("250");
            assertThat(
                            Gateway.query(
                                    "SELECT outcome FROM dmarc_inbox WHERE queue_id IN (SELECT"
                                            + " queue_id FROM dmarc_inbox) AND outcome LIKE"
                                            + " '%larger than%' ORDER BY id DESC LIMIT 1"))
                    .contains("decompressed report larger than");

            // A report mail also addressed to a hosted recipient: the report is kept, the
            // recipient's copy is filtered and queued as any other mail.
            String mixedId = "mixed-" + UUID.randomUUID();
            byte[] mixedXml = report(domain, mixedId).getBytes(StandardCharsets.UTF_8);
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(
                                smtp.transaction(
                                        "noreply-dmarc-support@google.com",
                                        List.of(RUA, "postmaster@" + domain),
                                        mail(domain, mixedId, zip("m.xml", mixedXml))))
                        .startsWith("250 2.0.0 Ok: queued as");
            }
            assertThat(
                            Gateway.query(
                                    "SELECT outcome FROM dmarc_inbox WHERE outcome LIKE 'stored "
                                            + mixedId
                                            + "%'"))
                    .contains("stored " + mixedId);

            // The rua address is the only one outside the hosted domains that is accepted.
            assertThat(Gateway.rcpt("someone-else@mx.filtermx.test")).startsWith("550");

            // The console shows the same sources, for the administrator and the domain's login.
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/settings",
                                            "{\"password\":\"" + LOGIN_PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/posture/mta-sts",
                                            "{\"mode\":\"testing\"}")
                                    .status())
                    .isEqualTo(200);
            try (Browser browser = Browser.open()) {
                browser.login(domain, LOGIN_PASSWORD);
                browser.click("navPosture");
                browser.awaitText(By.id("sources"), "2001:db8::25");
                assertThat(browser.source())
                        .contains("192.0.2.10")
                        .contains("_mta-sts." + domain)
                        .contains("mode: testing");
                browser.screenshot("i20-posture-domain");
            }
        } finally {
            admin.delete("/domains/" + domain);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMtaStsPolicyIsServedForTheHostedDomainOnly() throws Exception {
        String domain = Gateway.uniqueDomain("sts");
        admin.addDomain(domain, 2525);
        try {
            assertThat(http("mta-sts." + domain).status()).isEqualTo(404);
            Api.Response bad =
                    admin.put("/domains/" + domain + "/posture/mta-sts", "{\"mode\":\"strict\"}");
            assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
            assertThat(bad.body()).contains("testing, enforce or none");

            Api.Response set =
                    admin.put("/domains/" + domain + "/posture/mta-sts", "{\"mode\":\"enforce\"}");
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            Map<String, Object> sts = (Map<String, Object>) set.json().get("mtaSts");
            String id = (String) sts.get("policyId");
            assertThat(id).matches("[0-9a-f]{20}");
            assertThat((List<String>) set.json().get("records"))
                    .contains(
                            "_mta-sts." + domain + ". IN TXT \"v=STSv1; id=" + id + "\"",
                            "mta-sts." + domain + ". IN CNAME mx1.filtermx.test.",
                            "_smtp._tls."
                                    + domain
                                    + ". IN TXT \"v=TLSRPTv1; rua=mailto:postmaster@"
                                    + domain
                                    + "\"");

            HttpAnswer served = http("mta-sts." + domain.toUpperCase(java.util.Locale.ROOT));
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.head()).containsIgnoringCase("Content-Type: text/plain");
            assertThat(served.body())
                    .isEqualTo(
                            "version: STSv1\r\nmode: enforce\r\nmx: mx1.filtermx.test\r\n"
                                    + "mx: mx2.filtermx.test\r\nmax_age: 604800\r\n");
            assertThat(served.body()).isEqualTo(sts.get("policy"));

            // A new mode is a new id.
            Api.Response testing =
                    admin.put("/domains/" + domain + "/posture/mta-sts", "{\"mode\":\"testing\"}");
            assertThat(((Map<String, Object>) testing.json().get("mtaSts")).get("policyId"))
                    .isNotEqualTo(id);
            assertThat(http("mta-sts." + domain).body()).contains("mode: testing");

            // Only mta-sts.<hosted domain> gets a policy.
            assertThat(http(domain).status()).isEqualTo(404);
            assertThat(http("mta-sts.unhosted-" + UUID.randomUUID() + ".test").status())
                    .isEqualTo(404);
        } finally {
            admin.delete("/domains/" + domain);
        }
    }

    @Test
    void otherTenantsAreRefused() {
        String reseller = RESELLERS.addUnique("posture");
        Api asReseller = RESELLERS.as(reseller);
        String own = Gateway.uniqueDomain("own");
        String other = Gateway.uniqueDomain("other");
        asReseller.addTenantDomain(own, 2525);
        admin.addDomain(other, 2525);
        try {
            assertThat(asReseller.get("/domains/" + own + "/posture").status()).isEqualTo(200);
            assertThat(asReseller.get("/domains/" + other + "/posture").status()).isEqualTo(404);
            assertThat(
                            asReseller
                                    .put(
                                            "/domains/" + other + "/posture/mta-sts",
                                            "{\"mode\":\"enforce\"}")
                                    .status())
                    .isEqualTo(404);
            assertThat(
                            admin.put(
                                            "/domains/" + own + "/settings",
                                            "{\"password\":\"" + LOGIN_PASSWORD + "\"}")
                                    .status())
                    .isEqualTo(200);
            Api login = new Api(own, LOGIN_PASSWORD);
            assertThat(login.get("/domains/" + own + "/posture").status()).isEqualTo(200);
            assertThat(login.get("/domains/" + other + "/posture").status()).isEqualTo(404);
            assertThat(
                            login.put(
                                            "/domains/" + other + "/posture/mta-sts",
                                            "{\"mode\":\"none\"}")
                                    .status())
                    .isEqualTo(404);
            assertThat(Api.anonymous().get("/domains/" + own + "/posture").status()).isEqualTo(401);
        } finally {
            admin.delete("/domains/" + own);
            admin.delete("/domains/" + other);
        }
    }

    private static Map<String, Object> posture(Api api, String domain) {
        Api.Response r = api.get("/domains/" + domain + "/posture");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    record HttpAnswer(int status, String head, String body) {}

    /** GET /.well-known/mta-sts.txt with the given Host header, over a plain socket. */
    static HttpAnswer http(String host) throws IOException {
        try (Socket socket = new Socket(Gateway.HOST, Gateway.HTTP_PORT)) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: "
                                    + host
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, split);
            String body = answer.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new HttpAnswer(status, head, body);
        }
    }
}
