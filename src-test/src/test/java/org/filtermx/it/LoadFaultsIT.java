package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Faults under load: several sessions keep sending while the server is killed with SIGKILL, or
 * while the database is stopped. Every message answered 250 is delivered afterwards; a second copy
 * can only come from a delivery that was in flight at the crash (RFC 5321 section 6.1's unavoidable
 * window), so there are never more duplicates than deliveries run at once; while the database is
 * down the answers are 4xx, never 5xx. It kills and restarts things, and restarts them before each
 * test ends.
 */
@GatewayTest
@RunAsClient
class LoadFaultsIT {

    private static final int SESSIONS = 6;
    private static final int DELIVERY_WORKERS = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: <([^>]+)>");

    private final Api api = Gateway.admin();

    /** What the sending sessions saw: ids answered 250, and every reply code. */
    private static final class Load {
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final List<String> replies = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean stop = new AtomicBoolean();
        final ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);

        void start(String rcpt, String tag) {
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                pool.submit(
                        () -> {
                            int n = 0;
                            while (!stop.get()) {
                                try (SmtpConversation smtp = SmtpConversation.open()) {
                                    smtp.timeout(Duration.ofSeconds(30));
                                    smtp.hello();
                                    while (!stop.get()) {
                                        String id =
                                                tag
                                                        + "-"
                                                        + session
                                                        + "-"
                                                        + (n++)
                                                        + "-"
                                                        + UUID.randomUUID()
                                                        + "@load.test";
                                        if (send(smtp, rcpt, id)) {
                                            accepted.add(id);
                                        }
                                    }
                                } catch (IOException | RuntimeException e) {
                                    // The server went away, refused or did not answer in time: try
                                    // again, as a real client would.
                                    failures.add(String.valueOf(e));
                                    pause();
                                }
                            }
                            return null;
                        });
            }
        }

        /**
         * One transaction; every reply that ends it is recorded. True when the message was taken.
         */
        private boolean send(SmtpConversation smtp, String rcpt, String id) throws IOException {
            for (String command :
                    List.of("MAIL FROM:<alice@sender.example>", "RCPT TO:<" + rcpt + ">", "DATA")) {
                String reply = smtp.command(command);
                if (!reply.startsWith("2") && !reply.startsWith("3")) {
                    replies.add(reply);
                    smtp.command("RSET");
                    pause();
                    return false;
                }
            }
            smtp.sendBytes(
                    InboundDeliveryIT.dotStuff(
                            SmtpConversation.message("alice@sender.example", rcpt, id, "load")
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            smtp.send(".\r\n");
            String reply = smtp.reply();
            replies.add(reply);
            return reply.startsWith("250");
        }

        boolean refusedTemporarily() {
            synchronized (replies) {
                return replies.stream().anyMatch(r -> r.startsWith("4"));
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        private static void pause() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aCrashUnderLoadLosesNothingAnswered250() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("crashload");
            api.addDomain(domain, sink.port());
            Load load = new Load();
            try {
                load.start("bob@" + domain, "crash");
                Thread.sleep(4000);
                Gateway.crash();
                Thread.sleep(1000);
                load.stop();
            } finally {
                Gateway.restart();
                assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
            }
            assertThat(load.accepted)
                    .as("messages answered 250 before the crash")
                    .hasSizeGreaterThan(10);
            Map<String, Long> delivered = awaitDelivered(sink, load.accepted);
            assertThat(delivered.keySet())
                    .as("every message answered 250 delivered")
                    .containsAll(load.accepted);
            long duplicates = delivered.values().stream().filter(c -> c > 1).count();
            assertThat(duplicates)
                    .as("second copies, only from deliveries in flight at the crash")
                    .isLessThanOrEqualTo(DELIVERY_WORKERS);
        }
    }

    @Test
    void theDatabaseStoppedUnderLoadGets4xxAndLosesNothing() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("dbload");
            api.addDomain(domain, sink.port());
            Gateway.awaitConfigurationReloaded();
            Load load = new Load();
            try {
                load.start("bob@" + domain, "db");
                Thread.sleep(3000);
                Gateway.stopDatabase();
                // Down for 8 s, longer on a slow machine: until some mail met the outage.
                long downUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Thread.sleep(8000);
                while (!load.refusedTemporarily() && System.nanoTime() < downUntil) {
                    Thread.sleep(500);
                }
                Gateway.startDatabase();
                Thread.sleep(8000);
                load.stop();
            } finally {
                Gateway.startDatabase();
                // The next test finds a working gateway, whatever this one asserts.
                Gateway.awaitHealthy(Duration.ofSeconds(60));
            }
            assertThat(load.replies)
                    .as(
                            "some mail was refused while the database was down (client failures: %s)",
                            load.failures)
                    .anyMatch(r -> r.startsWith("4"));
            assertThat(load.replies)
                    .as("never a permanent refusal")
                    .noneMatch(r -> r.startsWith("5"));
            Map<String, Long> delivered = awaitDelivered(sink, load.accepted);
            assertThat(delivered.keySet())
                    .as("every message answered 250 delivered")
                    .containsAll(load.accepted);
            assertThat(delivered.values())
                    .as("no duplicates: nothing crashed")
                    .allMatch(c -> c == 1);
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(30))).isTrue();
        }
    }

    private static Map<String, Long> awaitDelivered(SmtpSink sink, Set<String> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Long> delivered = Map.of();
        while (System.nanoTime() < deadline) {
            delivered =
                    sink.messages().stream()
                            .map(LoadFaultsIT::messageId)
                            .collect(
                                    Collectors.groupingBy(
                                            Function.identity(), Collectors.counting()));
            if (delivered.keySet().containsAll(expected)) {
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(3000);
        return sink.messages().stream()
                .map(LoadFaultsIT::messageId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String messageId(String message) {
        Matcher m = MESSAGE_ID.matcher(message);
        return m.find() ? m.group(1) : "(none)";
    }
}
