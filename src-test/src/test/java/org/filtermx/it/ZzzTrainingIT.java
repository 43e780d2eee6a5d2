package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training through the API changes the classifier's verdict: a spam message scored before any
 * training carries no BAYES reason; after 220 spam and 220 ham from the public corpus are
 * trained for the domain, the same message is scored as spam by the classifier. It runs last:
 * rspamd, where configured, learns cluster-wide from the same calls.
 */
class ZzzTrainingIT {

    private static final Path CORPUS_ARCHIVE =
            Gateway.ROOT.resolve("../shared/corpus/spamassassin-public.tar.gz").normalize();
    private static Path corpus;

    private final Api api = Gateway.admin();

    @BeforeAll
    static void extractCorpus() throws Exception {
        corpus = Path.of(System.getProperty("filtermx.it.dir", "target")).resolve("corpus");
        assertThat(CORPUS_ARCHIVE).as("the shared corpus beside the repository (../shared/corpus)").exists();
        if (!Files.isDirectory(corpus.resolve("spamassassin-public"))) {
            Files.createDirectories(corpus);
            Process tar = new ProcessBuilder("tar", "-xzf", CORPUS_ARCHIVE.toString(), "-C", corpus.toString())
                    .inheritIO().start();
            assertThat(tar.waitFor()).isZero();
        }
    }

    private static List<Path> files(String kind) throws IOException {
        try (Stream<Path> s = Files.list(corpus.resolve("spamassassin-public").resolve(kind))) {
            return s.sorted().toList();
        }
    }

    /** The message without its mbox "From " line, with CRLF line ends. */
    private static String message(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.startsWith("From ")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static int train(String kind, String domain, Path file) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + Gateway.HOST + ":" + Gateway.HTTP_PORT + "/api/v1/training/" + kind + "?domain=" + domain))
                .header("Content-Type", "message/rfc822")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + Gateway.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file)))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String reasonsAfterSending(String domain, String content, String marker) throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction("sender@spam.example", List.of("bob@" + domain), content)).startsWith("250");
        }
        List<Map<String, Object>> log = api.awaitLog(e -> !e.isEmpty(), Duration.ofSeconds(10),
                "domain", domain, "sender", "sender@spam.example", "messageId", marker);
        assertThat(log).isNotEmpty();
        return (String) log.get(0).get("reasons");
    }

    @Test
    void trainingThroughTheApiTeachesTheClassifier() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("train");
            api.addDomain(domain, sink.port());
            assertThat(api.put("/domains/" + domain + "/filter-policy",
                    "{\"quarantineThreshold\":5000.0,\"rejectThreshold\":9000.0}").status()).isEqualTo(200);
            List<Path> spam = files("spam");
            List<Path> ham = files("ham");
            Path probe = spam.get(spam.size() - 1);
            String probeText = message(probe).replaceFirst("(?im)^Message-ID:.*\r\n", "");
            String before = reasonsAfterSending(domain, "Message-ID: <probe-1@spam.example>\r\n" + probeText,
                    "probe-1@spam.example");
            assertThat(before == null ? "" : before).doesNotContain("BAYES_");

            for (int i = 0; i < 220; i++) {
                assertThat(train("spam", domain, spam.get(i))).isEqualTo(200);
                assertThat(train("ham", domain, ham.get(i))).isEqualTo(200);
            }

            String after = reasonsAfterSending(domain, "Message-ID: <probe-2@spam.example>\r\n" + probeText,
                    "probe-2@spam.example");
            assertThat(after).containsPattern("BAYES_(60|80|95|99|999) \\+");

            // Training from the quarantine: hold everything, teach one held message as spam,
            // and a similar message scores higher than the first did.
            assertThat(api.put("/domains/" + domain + "/filter-policy",
                    "{\"quarantineThreshold\":-100.0,\"rejectThreshold\":9000.0}").status()).isEqualTo(200);
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
            List.of("BAYES_00", "BAYES_05", "BAYES_20", "BAYES_40", "BAYES_50", "BAYES_60", "BAYES_80", "BAYES_95",
                    "BAYES_99", "BAYES_999");

    /** The position of the message's BAYES band from least to most spammy. */
    private static int band(String reasons) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("BAYES_\\d+").matcher(reasons == null ? "" : reasons);
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
        String content = "From: Offers <offers@spam.example>\r\n"
                + "To: bob@" + domain + "\r\n"
                + "Subject: Special selection for you\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n" + words + "\r\n";
        return reasonsAfterSending(domain, content, messageId);
    }

    private long heldId(String domain, String messageId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> log = api.log("domain", domain, "messageId", messageId, "status", "QUARANTINED");
            if (!log.isEmpty()) {
                Object logId = log.get(0).get("id");
                return api.get("/quarantine?domain=" + domain).jsonArray().stream()
                        .filter(h -> Api.id(h.get("logId")).equals(Api.id(logId)))
                        .map(h -> Long.parseLong(Api.id(h.get("id"))))
                        .findFirst().orElseThrow();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not held: " + messageId);
    }
}
