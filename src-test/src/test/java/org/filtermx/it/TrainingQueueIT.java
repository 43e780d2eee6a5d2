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
 * The durable training queue over real HTTP against MariaDB (ADR 0051): single training calls with
 * {@code Prefer: respond-async} answer 202 once their message is queued, the queue's status shows
 * them learnt, and the classifier has learnt them as the synchronous calls would (held-out spam is
 * scored as spam). A body that is no message is kept as a failure without holding up the others;
 * tenancy is checked before anything is queued; a full queue answers 503 with Retry-After.
 */
@GatewayTest
@RunAsClient
class TrainingQueueIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Api api = Gateway.admin();

    @AfterEach
    void rspamdForgetsWhatItLearned() throws Exception {
        TrainingProbes.rspamdForgets();
    }

    /** One training call as {@code user}; queued (Prefer: respond-async) when {@code async}. */
    private static Api.Response train(
            String user, String password, String kind, String domain, byte[] body, boolean async)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://"
                                                + Gateway.HOST
                                                + ":"
                                                + Gateway.HTTP_PORT
                                                + "/api/v1/training/"
                                                + kind
                                                + (domain == null ? "" : "?domain=" + domain)))
                        .header("Content-Type", "message/rfc822")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password)
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofSeconds(60));
        if (async) {
            request.header("Prefer", "respond-async");
        }
        HttpResponse<String> response =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Response(response.statusCode(), response.body(), response.headers().map());
    }

    private static Api.Response queue(String kind, String domain, byte[] body) throws Exception {
        return train("admin", Gateway.ADMIN_PASSWORD, kind, domain, body, true);
    }

    private static long number(Map<String, Object> json, String name) {
        return ((Number) json.get(name)).longValue();
    }

    /** Polls {@code GET /training/queue} until nothing waits or 90 s pass; returns the last. */
    private Map<String, Object> awaitQueueLearnt() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Api.Response status = api.get("/training/queue");
        while (System.nanoTime() < deadline
                && (status.status() != 200 || number(status.json(), "waiting") != 0)) {
            Thread.sleep(250);
            status = api.get("/training/queue");
        }
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(number(status.json(), "waiting")).as(status.toString()).isZero();
        return status.json();
    }

    @Test
    void queuedCallsAreLearntInTheBackgroundAndTeachTheClassifier() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = TrainingProbes.domainThatHoldsNothing(api, "queue", sink.port());
            SyntheticMail training = new SyntheticMail(20261203);
            SyntheticMail heldOut = new SyntheticMail(778);
            String spamProbe = TrainingProbes.withoutMessageId(heldOut.spam());
            String before =
                    TrainingProbes.reasonsAfterSending(
                            api,
                            domain,
                            "Message-ID: <queue-probe-1@spam.example>\r\n" + spamProbe,
                            "queue-probe-1@spam.example");
            assertThat(before == null ? "" : before).doesNotContain("BAYES_");

            // A body that is no message at all, queued in the middle of the others.
            long garbageId = -1;
            for (int i = 0; i < 220; i++) {
                Api.Response spam = queue("spam", domain, training.spam().bytes());
                assertThat(spam.status()).as(spam.toString()).isEqualTo(202);
                assertThat(spam.header("Preference-Applied")).isEqualTo("respond-async");
                assertThat(spam.json()).containsEntry("trained", "spam").containsKey("queued");
                Api.Response ham = queue("ham", domain, training.ham().bytes());
                assertThat(ham.status()).as(ham.toString()).isEqualTo(202);
                if (i == 100) {
                    Api.Response garbage =
                            queue(
                                    "spam",
                                    domain,
                                    new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, '\r', '\n'});
                    assertThat(garbage.status()).as(garbage.toString()).isEqualTo(202);
                    garbageId = number(garbage.json(), "queued");
                }
            }

            Map<String, Object> status = awaitQueueLearnt();
            assertThat(HeldMessages.trained(domain)).containsExactly(220, 220);
            assertThat(number(status, "failed")).isPositive();
            long failedId = garbageId;
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> failures = (List<Map<String, Object>>) status.get("failures");
            assertThat(failures)
                    .anySatisfy(
                            f -> {
                                assertThat(number(f, "id")).isEqualTo(failedId);
                                assertThat(f.get("domain")).isEqualTo(domain);
                                assertThat(f.get("kind")).isEqualTo("spam");
                                assertThat(f.get("queuedBy")).isEqualTo("admin");
                                assertThat((String) f.get("error")).contains("not a message");
                            });

            String after =
                    TrainingProbes.reasonsAfterSending(
                            api,
                            domain,
                            "Message-ID: <queue-probe-2@spam.example>\r\n" + spamProbe,
                            "queue-probe-2@spam.example");
            assertThat(after).containsPattern("BAYES_(60|80|95|99|999) \\+");

            // Without the preference, a call is learnt before it is answered, as before.
            Api.Response sync =
                    train(
                            "admin",
                            Gateway.ADMIN_PASSWORD,
                            "ham",
                            domain,
                            training.ham().bytes(),
                            false);
            assertThat(sync.status()).as(sync.toString()).isEqualTo(200);
            assertThat(sync.header("Preference-Applied")).isNull();
            assertThat(HeldMessages.trained(domain)).containsExactly(220, 221);
        }
    }

    @Test
    void aDomainLoginQueuesForItsOwnDomainOnly() throws Exception {
        String domain = Gateway.uniqueDomain("qvictim");
        String other = Gateway.uniqueDomain("qother");
        api.addDomain(domain, 2626);
        api.addDomain(other, 2626);
        String password = "Queue-Trainer-42";
        assertThat(
                        api.put(
                                        "/domains/" + other + "/settings",
                                        "{\"password\":\"" + password + "\"}")
                                .status())
                .isEqualTo(200);
        byte[] message = new SyntheticMail(51).spam().bytes();
        long queuedBefore = queuedRows();

        // As the synchronous calls: another domain is not found, cluster-wide is forbidden.
        Api.Response foreign = train(other, password, "spam", domain, message, true);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(train(other, password, "spam", domain, message, false).status()).isEqualTo(404);
        Api.Response global = train(other, password, "spam", null, message, true);
        assertThat(global.status()).as(global.toString()).isEqualTo(403);
        assertThat(train(other, password, "spam", null, message, false).status()).isEqualTo(403);
        assertThat(queuedRows()).as("nothing refused was queued").isEqualTo(queuedBefore);

        Api.Response own = train(other, password, "spam", other, message, true);
        assertThat(own.status()).as(own.toString()).isEqualTo(202);
        assertThat(new Api(other, password).get("/training/queue").status()).isEqualTo(403);
        awaitQueueLearnt();
        assertThat(HeldMessages.trained(other)).containsExactly(1, 0);
        assertThat(HeldMessages.trained(domain)).containsExactly(0, 0);
        assertThat(
                        Gateway.query(
                                "SELECT COUNT(*) FROM training_queue_failed WHERE scope = '"
                                        + other
                                        + "'"))
                .isEqualTo("0");
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        String domain = Gateway.uniqueDomain("qfull");
        api.addDomain(domain, 2626);
        // The queue holds what failed here and earlier (kept for days): a cap of that is full.
        awaitQueueLearnt();
        long held = Long.parseLong(Gateway.query("SELECT messages FROM training_queue_size"));
        Gateway.restartWith(Map.of("FILTERMX_TRAINING_QUEUE_MAX", Long.toString(held)));
        try {
            byte[] message = new SyntheticMail(52).ham().bytes();
            Api.Response full = queue("ham", domain, message);
            assertThat(full.status()).as(full.toString()).isEqualTo(503);
            assertThat(full.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
            assertThat(full.json()).containsKey("error");
            assertThat(queuedRows()).isZero();
            // Only the queue is full: the synchronous call still learns.
            assertThat(
                            train("admin", Gateway.ADMIN_PASSWORD, "ham", domain, message, false)
                                    .status())
                    .isEqualTo(200);
        } finally {
            Gateway.restartWith(Map.of());
        }
        Api.Response room = queue("ham", domain, new SyntheticMail(53).ham().bytes());
        assertThat(room.status()).as(room.toString()).isEqualTo(202);
        awaitQueueLearnt();
        assertThat(HeldMessages.trained(domain)).containsExactly(0, 2);
    }

    private static long queuedRows() throws Exception {
        return Long.parseLong(Gateway.query("SELECT COUNT(*) FROM training_queue"));
    }
}
