package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.filtermx.testmail.SyntheticMail;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training through the API changes the classifier's verdict: a spam message scored before any
 * training carries no BAYES reason; after 220 spam and 220 ham generated for this test ({@link
 * SyntheticMail}) are trained for the domain, held-out generated spam is scored as spam and
 * held-out ham as ham by the classifier. rspamd, where configured, learns cluster-wide from the
 * same calls; the test makes it forget before it ends, so no other test's mail is scored by what
 * this one taught.
 */
@GatewayTest
@RunAsClient
class TrainingIT {

    /**
     * The private redis-server that holds rspamd's Bayes ({@code scripts/engines.sh}), which keeps
     * nothing on disk.
     */
    private final Api api = Gateway.admin();

    @AfterEach
    void rspamdForgetsWhatItLearned() throws Exception {
        TrainingProbes.rspamdForgets();
    }

    private static int train(String kind, String domain, SyntheticMail.Mail mail) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://"
                                                + Gateway.HOST
                                                + ":"
                                                + Gateway.HTTP_PORT
                                                + "/api/v1/training/"
                                                + kind
                                                + "?domain="
                                                + domain))
                        .header("Content-Type", "message/rfc822")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + Gateway.ADMIN_PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mail.bytes()))
                        .timeout(Duration.ofSeconds(30))
                        .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A bulk training call: its status and JSON answer. */
    private record Upload(int status, String body) {}

    private static Upload upload(
            String user, String password, String kind, String domain, String type, byte[] body)
            throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://"
                                                + Gateway.HOST
                                                + ":"
                                                + Gateway.HTTP_PORT
                                                + "/api/v1/training/"
                                                + kind
                                                + (domain == null ? "" : "?domain=" + domain)))
                        .header("Content-Type", type)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password)
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofSeconds(120))
                        .build();
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Upload(response.statusCode(), response.body());
    }

    private static Upload asAdmin(String kind, String domain, String type, String body)
            throws Exception {
        return upload(
                "admin",
                Gateway.ADMIN_PASSWORD,
                kind,
                domain,
                type,
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An mbox of these messages, quoted as mboxrd. */
    private static String mbox(List<String> messages) {
        StringBuilder mbox = new StringBuilder();
        for (String m : messages) {
            mbox.append("From sender@example.com Thu Dec  3 07:00:00 2026\n");
            for (String line : m.split("\r\n", -1)) {
                String unquoted = line;
                while (unquoted.startsWith(">")) {
                    unquoted = unquoted.substring(1);
                }
                mbox.append(unquoted.startsWith("From ") ? ">" : "").append(line).append("\n");
            }
            mbox.append("\n");
        }
        return mbox.toString();
    }

    @Test
    void bulkUploadsTrainTheirWellFormedMessagesForWhoMayTrain() throws Exception {
        String domain = Gateway.uniqueDomain("bulk");
        String other = Gateway.uniqueDomain("bulkother");
        api.addDomain(domain, 2626);
        api.addDomain(other, 2626);
        String password = "Bulk-Trainer-42";
        assertThat(
                        api.put(
                                        "/domains/" + other + "/settings",
                                        "{\"password\":\"" + password + "\"}")
                                .status())
                .isEqualTo(200);
        SyntheticMail mail = new SyntheticMail(18);

        // An mbox of three spam, one with a body line that mboxrd quotes.
        List<String> spam =
                List.of(
                        mail.spam().text(),
                        mail.spam().text() + "\r\nFrom the desk of the director\r\n",
                        mail.spam().text());
        Upload first = asAdmin("spam", domain, "application/mbox", mbox(spam));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"trained\":3").contains("\"skipped\":[]");
        assertThat(HeldMessages.trained(domain)).containsExactly(3, 0);

        // multipart/mixed: two messages, a part of another type and an empty part.
        String multipart =
                "--cut-here\r\nContent-Type: message/rfc822\r\n\r\n"
                        + mail.ham().text()
                        + "\r\n--cut-here\r\n\r\n"
                        + mail.ham().text()
                        + "\r\n--cut-here\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                        + "--cut-here\r\n\r\n\r\n--cut-here--\r\n";
        Upload second = asAdmin("ham", domain, "multipart/mixed; boundary=\"cut-here\"", multipart);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.body())
                .contains("\"trained\":2")
                .contains("{\"index\":2,\"error\":\"the part is text/plain, not message/rfc822\"}")
                .contains("{\"index\":3,\"error\":\"empty part\"}");
        assertThat(HeldMessages.trained(domain)).containsExactly(3, 2);

        // Malformed: not an mbox at all trains nothing; a multipart body cut off trains the
        // whole parts before the cut and says where to resume.
        Upload notMbox = asAdmin("spam", domain, "application/mbox", mail.spam().text());
        assertThat(notMbox.status()).as(notMbox.body()).isEqualTo(400);
        assertThat(notMbox.body()).contains("\"error\"").contains("From ");
        String cut = "--b\r\n\r\n" + mail.ham().text() + "\r\n--b\r\n\r\n" + mail.ham().text();
        Upload cutOff = asAdmin("ham", domain, "multipart/mixed; boundary=b", cut);
        assertThat(cutOff.status()).as(cutOff.body()).isEqualTo(400);
        assertThat(cutOff.body()).contains("\"trained\":1").contains("\"retryFrom\":1");
        Upload noBoundary = asAdmin("ham", domain, "multipart/mixed", cut);
        assertThat(noBoundary.status()).as(noBoundary.body()).isEqualTo(400);
        assertThat(HeldMessages.trained(domain)).containsExactly(3, 3);

        // Tenancy: another domain's manager may not train this domain (which it is not told
        // exists), nor cluster-wide.
        byte[] one = mbox(List.of(mail.spam().text())).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(upload(other, password, "spam", domain, "application/mbox", one).status())
                .isEqualTo(404);
        assertThat(upload(other, password, "spam", null, "application/mbox", one).status())
                .isEqualTo(403);
        Upload own = upload(other, password, "spam", other, "application/mbox", one);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(HeldMessages.trained(domain)).containsExactly(3, 3);
        assertThat(HeldMessages.trained(other)).containsExactly(1, 0);

        // Many large messages in one upload, larger than any other request may be: read as a
        // stream and trained in batches of at most 16 MB of messages.
        String filler = "lorem ipsum dolor sit amet consectetur ".repeat(16_000);
        List<String> large = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            large.add(
                    "From: bulk@example.com\r\nSubject: large "
                            + i
                            + "\r\n\r\n"
                            + filler.replace(" ", "\r\n"));
        }
        byte[] big = mbox(large).getBytes(StandardCharsets.ISO_8859_1);
        // Larger than any other request may be (10 MiB, RequestBodyLimit).
        assertThat(big.length).isBetween(12_000_000, 17_000_000);
        Upload bigUpload =
                upload("admin", Gateway.ADMIN_PASSWORD, "ham", other, "application/mbox", big);
        assertThat(bigUpload.status()).as(bigUpload.body()).isEqualTo(200);
        assertThat(bigUpload.body()).contains("\"trained\":20");
        assertThat(HeldMessages.trained(other)).containsExactly(1, 20);
    }

    @Test
    void trainingThroughTheApiTeachesTheClassifier() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = TrainingProbes.domainThatHoldsNothing(api, "train", sink.port());
            SyntheticMail training = new SyntheticMail(20261202);
            SyntheticMail heldOut = new SyntheticMail(777);
            String spamProbe = TrainingProbes.withoutMessageId(heldOut.spam());
            String hamProbe = TrainingProbes.withoutMessageId(heldOut.ham());
            String before =
                    TrainingProbes.reasonsAfterSending(
                            api,
                            domain,
                            "Message-ID: <probe-1@spam.example>\r\n" + spamProbe,
                            "probe-1@spam.example");
            assertThat(before == null ? "" : before).doesNotContain("BAYES_");

            for (int i = 0; i < 220; i++) {
                assertThat(train("spam", domain, training.spam())).isEqualTo(200);
                assertThat(train("ham", domain, training.ham())).isEqualTo(200);
            }

            String after =
                    TrainingProbes.reasonsAfterSending(
                            api,
                            domain,
                            "Message-ID: <probe-2@spam.example>\r\n" + spamProbe,
                            "probe-2@spam.example");
            assertThat(after).containsPattern("BAYES_(60|80|95|99|999) \\+");
            String ham =
                    TrainingProbes.reasonsAfterSending(
                            api,
                            domain,
                            "Message-ID: <probe-5@spam.example>\r\n" + hamProbe,
                            "probe-5@spam.example");
            assertThat(band(ham)).as(ham).isLessThan(BANDS.indexOf("BAYES_50"));

            // Training from the quarantine: hold everything, teach one held message as spam,
            // and a similar message scores higher than the first did.
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":-100.0,\"rejectThreshold\":9000.0}")
                                    .status())
                    .isEqualTo(200);
            String words = inventedWords(40);
            String first = quarantineProbe(domain, "probe-3@spam.example", words);
            long heldId = heldId(domain, "probe-3@spam.example");
            Api.Response trained = api.post("/quarantine/" + heldId + "/train-spam", "");
            assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
            String second = quarantineProbe(domain, "probe-4@spam.example", words);
            assertThat(band(second)).as(first + " then " + second).isGreaterThan(band(first));
        }
    }

    private static final List<String> BANDS =
            List.of(
                    "BAYES_00",
                    "BAYES_05",
                    "BAYES_20",
                    "BAYES_40",
                    "BAYES_50",
                    "BAYES_60",
                    "BAYES_80",
                    "BAYES_95",
                    "BAYES_99",
                    "BAYES_999");

    /** The position of the message's BAYES band from least to most spammy. */
    private static int band(String reasons) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("BAYES_\\d+")
                        .matcher(reasons == null ? "" : reasons);
        assertThat(m.find()).as("a BAYES reason in " + reasons).isTrue();
        return BANDS.indexOf(m.group());
    }

    /** Words no corpus has: the classifier knows nothing of them until trained. */
    private static String inventedWords(int n) {
        java.util.Random random = new java.util.Random();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 7; j++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            sb.append(i % 10 == 9 ? "\r\n" : " ");
        }
        return sb.toString();
    }

    private String quarantineProbe(String domain, String messageId, String words) throws Exception {
        String content =
                "From: Offers <offers@spam.example>\r\n"
                        + "To: bob@"
                        + domain
                        + "\r\n"
                        + "Subject: Special selection for you\r\n"
                        + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                        + "Message-ID: <"
                        + messageId
                        + ">\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=us-ascii\r\n"
                        + "\r\n"
                        + words
                        + "\r\n";
        return TrainingProbes.reasonsAfterSending(api, domain, content, messageId);
    }

    private long heldId(String domain, String messageId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> log =
                    api.log("domain", domain, "messageId", messageId, "status", "QUARANTINED");
            if (!log.isEmpty()) {
                Object logId = log.get(0).get("id");
                return api.get("/quarantine?domain=" + domain).jsonArray().stream()
                        .filter(h -> Api.id(h.get("logId")).equals(Api.id(logId)))
                        .map(h -> Long.parseLong(Api.id(h.get("id"))))
                        .findFirst()
                        .orElseThrow();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not held: " + messageId);
    }
}
