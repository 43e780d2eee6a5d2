package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Many sessions at once on MariaDB, so that the gateway commits several sessions' messages in one
 * transaction with multi-row inserts (ADR 0041): every message answered 250 reaches its domain's
 * destination exactly once, those for two domains as one copy for each, and each has its own log
 * entry with its own recipients.
 */
@GatewayTest
@RunAsClient
class GroupCommitIT {

    private static final int SESSIONS = 10;
    private static final int MESSAGES = 20;

    private final Api api = Gateway.admin();

    @Test
    void parallelSessionsLoseNothingAndMixNothing() throws Exception {
        try (SmtpSink first = SmtpSink.start();
                SmtpSink second = SmtpSink.start()) {
            String a = Gateway.uniqueDomain("group-a");
            String b = Gateway.uniqueDomain("group-b");
            api.addDomain(a, first.port());
            api.addDomain(b, second.port());
            List<String> replies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
            List<Future<?>> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                sessions.add(
                        pool.submit(
                                () -> {
                                    try (SmtpConversation smtp = SmtpConversation.open()) {
                                        smtp.timeout(Duration.ofSeconds(60));
                                        smtp.hello();
                                        for (int n = 0; n < MESSAGES; n++) {
                                            String id = "gc-" + session + "-" + n;
                                            List<String> rcpts =
                                                    n % 2 == 0
                                                            ? List.of(id + "@" + a)
                                                            : List.of(id + "@" + a, id + "@" + b);
                                            replies.add(
                                                    id
                                                            + " "
                                                            + smtp.transaction(
                                                                    "sender@remote.example",
                                                                    rcpts,
                                                                    SmtpConversation.message(
                                                                            "sender@remote.example",
                                                                            rcpts.get(0),
                                                                            id + "@remote.example",
                                                                            "Group " + id)));
                                        }
                                        smtp.command("QUIT");
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : sessions) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(replies).hasSize(SESSIONS * MESSAGES).allMatch(r -> r.contains(" 250 "));

            int toSecond = SESSIONS * MESSAGES / 2;
            List<String> atFirst =
                    first.awaitMessages(SESSIONS * MESSAGES, Duration.ofSeconds(120));
            List<String> atSecond = second.awaitMessages(toSecond, Duration.ofSeconds(120));
            assertThat(atFirst).hasSize(SESSIONS * MESSAGES);
            assertThat(atSecond).hasSize(toSecond);
            Set<String> seen = new HashSet<>();
            for (String delivered : atFirst) {
                String id = between(delivered, "Message-ID: <gc-", "@remote.example>");
                assertThat(seen.add(id)).as("delivered once: gc-" + id).isTrue();
                // The copy for the first domain carries only its own recipient.
                assertThat(delivered).contains("X-Rcpt-Args: <gc-" + id + "@" + a + ">");
                assertThat(delivered).doesNotContain("@" + b + ">");
            }
            assertThat(seen).hasSize(SESSIONS * MESSAGES);
            for (String delivered : atSecond) {
                String id = between(delivered, "Message-ID: <gc-", "@remote.example>");
                assertThat(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 2)
                        .isEqualTo(1);
                assertThat(delivered).contains("X-Rcpt-Args: <gc-" + id + "@" + b + ">");
            }
            // Each part has its own log entry, with its own recipient, delivered.
            for (String id : List.of("0-1", "5-7", "9-19")) {
                for (String domain : List.of(a, b)) {
                    String rcpt = "gc-" + id + "@" + domain;
                    Api.Response log = api.get("/log?recipient=" + rcpt);
                    // The delivery's outcome is logged just after the destination's 250.
                    for (int wait = 0; wait < 100 && !log.body().contains("DELIVERED"); wait++) {
                        Thread.sleep(200);
                        log = api.get("/log?recipient=" + rcpt);
                    }
                    assertThat(log.status()).isEqualTo(200);
                    assertThat(log.body())
                            .contains("\"" + rcpt + "\"")
                            .contains("\"domain\":\"" + domain + "\"")
                            .contains("DELIVERED");
                }
            }
        }
    }

    private static String between(String text, String before, String after) {
        int from = text.indexOf(before);
        assertThat(from).as("message has " + before).isGreaterThanOrEqualTo(0);
        int to = text.indexOf(after, from + before.length());
        return text.substring(from + before.length(), to);
    }
}
