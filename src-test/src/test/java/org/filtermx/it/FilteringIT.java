package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The built-in filter over real SMTP: verdicts, verdict headers, the quarantine, allow lists and
 * the reasons in the log.
 */
@GatewayTest
@RunAsClient
class FilteringIT {

    static final String GTUBE =
            "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private final Api api = Gateway.admin();

    private static String message(
            String from, String to, String subject, String body, String extraHeaders) {
        return "From: "
                + from
                + "\r\n"
                + "To: "
                + to
                + "\r\n"
                + "Subject: "
                + subject
                + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <"
                + Math.abs(body.hashCode())
                + "."
                + System.nanoTime()
                + "@sender.example>\r\n"
                + extraHeaders
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + body
                + "\r\n";
    }

    private static String send(String from, String to, String content) throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            return smtp.transaction(from, List.of(to), content);
        }
    }

    @Test
    void deliversHamWithVerdictHeadersAndDropsForgedOnes() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("ham");
            api.addDomain(domain, sink.port());
            String reply =
                    send(
                            "alice@sender.example",
                            "bob@" + domain,
                            message(
                                    "Alice <alice@sender.example>",
                                    "bob@" + domain,
                                    "Lunch on Friday",
                                    "Shall we meet at noon at the usual place?",
                                    "X-FilterMX-Verdict: deliver\r\nX-FilterMX-Score: -100.0\r\n"));
            assertThat(reply).startsWith("250 2.0.0");
            String delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertThat(delivered)
                    .contains("X-FilterMX-Verdict: deliver")
                    .contains("X-FilterMX-Score: ");
            assertThat(delivered).doesNotContain("X-FilterMX-Score: -100.0");
            assertThat(delivered.split("X-FilterMX-Verdict:", -1)).hasSize(2);
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "DELIVERED"),
                            Duration.ofSeconds(20),
                            "domain",
                            domain);
            assertThat(log.get(0)).containsEntry("verdict", "DELIVER").containsKey("score");
        }
    }

    @Test
    void refusesGtubeAtSmtpTimeAndKeepsACopy() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("gtube");
            api.addDomain(domain, sink.port());
            String reply =
                    send(
                            "spammer@sender.example",
                            "bob@" + domain,
                            message("spammer@sender.example", "bob@" + domain, "Cheap", GTUBE, ""));
            assertThat(reply).startsWith("550 5.7.1");
            List<Map<String, Object>> held = api.get("/quarantine?domain=" + domain).jsonArray();
            assertThat(held).hasSize(1);
            assertThat(held.get(0)).containsEntry("verdict", "REJECT");
            assertThat((String) held.get(0).get("reasons")).contains("GTUBE");
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "REJECTED"),
                            Duration.ofSeconds(10),
                            "domain",
                            domain);
            assertThat((String) log.get(0).get("reasons")).contains("GTUBE +1000.0");
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void quarantinesGtubeWhenTheDomainRefusesOnlyAtAHigherScore() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("held");
            api.addDomain(domain, sink.port());
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            String reply =
                    send(
                            "spammer@sender.example",
                            "bob@" + domain,
                            message("spammer@sender.example", "bob@" + domain, "Cheap", GTUBE, ""));
            assertThat(reply).startsWith("250 2.0.0");
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "QUARANTINED"),
                            Duration.ofSeconds(10),
                            "domain",
                            domain);
            assertThat(log).hasSize(1);
            assertThat(api.get("/quarantine?domain=" + domain).jsonArray()).hasSize(1);
            Thread.sleep(1500);
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void deliversAnAllowListedSenderDespiteASpammyBody() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("allow");
            api.addDomain(domain, sink.port());
            assertThat(
                            api.post(
                                            "/lists",
                                            "{\"owner\":\""
                                                    + domain
                                                    + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"partner.example\"}")
                                    .status())
                    .isEqualTo(201);
            String reply =
                    send(
                            "news@mail.partner.example",
                            "bob@" + domain,
                            message(
                                    "news@mail.partner.example",
                                    "bob@" + domain,
                                    "Test",
                                    GTUBE,
                                    ""));
            assertThat(reply).startsWith("250 2.0.0");
            String delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertThat(delivered).contains("X-FilterMX-Verdict: deliver").contains("GTUBE");
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "DELIVERED"),
                            Duration.ofSeconds(20),
                            "domain",
                            domain);
            assertThat((String) log.get(0).get("reasons")).contains("GTUBE");
        }
    }

    @Test
    void aUsersAllowEntryLetsSpamThroughToThatUserOnly() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("userallow");
            api.addDomain(domain, sink.port());
            String bob = "bob@" + domain;
            String carol = "carol@" + domain;
            assertThat(
                            api.post(
                                            "/lists",
                                            "{\"owner\":\""
                                                    + bob
                                                    + "\",\"action\":\"ALLOW\",\"matchOn\":\"SENDER\",\"pattern\":\"spammer@sender.example\"}")
                                    .status())
                    .isEqualTo(201);
            String reply;
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                reply =
                        smtp.transaction(
                                "spammer@sender.example",
                                List.of(bob, carol),
                                message(
                                        "spammer@sender.example",
                                        bob + ", " + carol,
                                        "Cheap",
                                        GTUBE,
                                        ""));
            }
            assertThat(reply)
                    .as("delivered to one, refused for the other: one 250")
                    .startsWith("250 2.0.0");

            List<String> delivered = sink.awaitMessages(1, Duration.ofSeconds(20));
            assertThat(delivered)
                    .singleElement()
                    .asString()
                    .contains("X-Rcpt-Args: <" + bob + ">")
                    .doesNotContain("<" + carol + ">");
            List<Map<String, Object>> held = api.get("/quarantine?domain=" + domain).jsonArray();
            assertThat(held)
                    .singleElement()
                    .satisfies(
                            h -> {
                                assertThat(h).containsEntry("verdict", "REJECT");
                                assertThat(String.valueOf(h.get("recipients")))
                                        .contains(carol)
                                        .doesNotContain(bob);
                            });
            assertThat(sink.messagesAfter(Duration.ofMillis(1500)))
                    .as("nothing for carol")
                    .hasSize(1);
        }
    }

    @Test
    void aUsersBlockEntryDoesNotRefuseTheOtherRecipients() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("userblock");
            api.addDomain(domain, sink.port());
            String bob = "bob@" + domain;
            String carol = "carol@" + domain;
            assertThat(
                            api.post(
                                            "/lists",
                                            "{\"owner\":\""
                                                    + bob
                                                    + "\",\"action\":\"BLOCK\",\"matchOn\":\"SENDER\",\"pattern\":\"alice@sender.example\"}")
                                    .status())
                    .isEqualTo(201);
            String reply;
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                reply =
                        smtp.transaction(
                                "alice@sender.example",
                                List.of(bob, carol),
                                message(
                                        "Alice <alice@sender.example>",
                                        bob + ", " + carol,
                                        "Lunch on Friday",
                                        "Shall we meet at noon at the usual place?",
                                        ""));
            }
            assertThat(reply).startsWith("250 2.0.0");

            List<String> delivered = sink.awaitMessages(1, Duration.ofSeconds(20));
            assertThat(delivered)
                    .singleElement()
                    .asString()
                    .contains("X-Rcpt-Args: <" + carol + ">")
                    .doesNotContain("X-Rcpt-Args: <" + bob + ">");
            List<Map<String, Object>> held = api.get("/quarantine?domain=" + domain).jsonArray();
            assertThat(held)
                    .singleElement()
                    .satisfies(
                            h -> {
                                assertThat(h).containsEntry("verdict", "REJECT");
                                assertThat(String.valueOf(h.get("recipients")))
                                        .contains(bob)
                                        .doesNotContain(carol);
                            });
            assertThat(sink.messagesAfter(Duration.ofMillis(1500))).hasSize(1);
        }
    }

    @Test
    void holdsABlockedAttachmentWithItsReason() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("attach");
            api.addDomain(domain, sink.port());
            // External engines (rspamd, spamd) add their own scores; hold rather than refuse.
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}")
                                    .status())
                    .isEqualTo(200);
            String exe =
                    Base64.getMimeEncoder()
                            .encodeToString("MZ\u0090\u0000 not really a program".getBytes());
            String content =
                    "From: billing@sender.example\r\n"
                            + "To: bob@"
                            + domain
                            + "\r\n"
                            + "Subject: Your invoice\r\n"
                            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                            + "Message-ID: <invoice."
                            + System.nanoTime()
                            + "@sender.example>\r\n"
                            + "MIME-Version: 1.0\r\n"
                            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                            + "\r\n"
                            + "--b1\r\nContent-Type: text/plain\r\n\r\nPlease see the attached invoice.\r\n"
                            + "--b1\r\nContent-Type: application/octet-stream; name=\"invoice.exe\"\r\n"
                            + "Content-Disposition: attachment; filename=\"invoice.exe\"\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n"
                            + exe
                            + "\r\n"
                            + "--b1--\r\n";
            String reply = send("billing@sender.example", "bob@" + domain, content);
            assertThat(reply).startsWith("250 2.0.0");
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "QUARANTINED"),
                            Duration.ofSeconds(10),
                            "domain",
                            domain);
            assertThat((String) log.get(0).get("reasons"))
                    .contains("ATTACHMENT_BLOCKED_EXT")
                    .contains("invoice.exe");
            List<Map<String, Object>> held = api.get("/quarantine?domain=" + domain).jsonArray();
            assertThat((String) held.get(0).get("reasons")).contains("ATTACHMENT_BLOCKED_EXT");
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void rejectsEicarFoundByClamd() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("virus");
            api.addDomain(domain, sink.port());
            // The EICAR anti-virus test file, assembled here so no scanner flags this source.
            String eicar =
                    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
            String content =
                    "From: someone@sender.example\r\n"
                            + "To: bob@"
                            + domain
                            + "\r\n"
                            + "Subject: Document\r\n"
                            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                            + "Message-ID: <eicar."
                            + System.nanoTime()
                            + "@sender.example>\r\n"
                            + "MIME-Version: 1.0\r\n"
                            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                            + "\r\n"
                            + "--b1\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n"
                            + "--b1\r\nContent-Type: application/octet-stream; name=\"doc.txt\"\r\n"
                            + "Content-Disposition: attachment; filename=\"doc.txt\"\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n"
                            + Base64.getMimeEncoder().encodeToString(eicar.getBytes())
                            + "\r\n"
                            + "--b1--\r\n";
            String reply = send("someone@sender.example", "bob@" + domain, content);
            assertThat(reply).startsWith("554 5.7.1");
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "REJECTED"),
                            Duration.ofSeconds(10),
                            "domain",
                            domain);
            assertThat((String) log.get(0).get("reasons"))
                    .contains("VIRUS_FOUND")
                    .contains("Eicar");
            assertThat(api.get("/quarantine?domain=" + domain).jsonArray()).hasSize(1);
            assertThat(sink.messages()).isEmpty();
        }
    }
}
