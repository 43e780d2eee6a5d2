package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.filtermx.testmail.SyntheticMail;

/**
 * What the training tests ({@link TrainingIT}, {@link TrainingQueueIT}) share: probe messages sent
 * over SMTP and judged by their log entry's reasons, and rspamd's Bayes emptied after a test.
 */
final class TrainingProbes {

    /**
     * The private redis-server that holds rspamd's Bayes ({@code scripts/engines.sh}), which keeps
     * nothing on disk.
     */
    private static final int RSPAMD_REDIS_PORT =
            Integer.parseInt(System.getenv().getOrDefault("ENGINES_REDIS_PORT", "16379"));

    private TrainingProbes() {}

    /** Empties rspamd's Bayes: the state before a test's training (the engines start with none). */
    static void rspamdForgets() throws Exception {
        try (Socket redis = new Socket(Gateway.HOST, RSPAMD_REDIS_PORT)) {
            redis.setSoTimeout(10_000);
            redis.getOutputStream().write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply =
                    new BufferedReader(
                                    new InputStreamReader(
                                            redis.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            assertThat(reply).as("redis FLUSHALL").isEqualTo("+OK");
        } catch (ConnectException noRspamd) {
            // No engines in this environment: rspamd learned nothing.
        }
    }

    /**
     * A new domain delivering to {@code sinkPort} whose thresholds hold and refuse nothing, so that
     * every probe is delivered and logged with its reasons.
     */
    static String domainThatHoldsNothing(Api api, String prefix, int sinkPort) {
        String domain = Gateway.uniqueDomain(prefix);
        api.addDomain(domain, sinkPort);
        assertThat(
                        api.put(
                                        "/domains/" + domain + "/filter-policy",
                                        "{\"quarantineThreshold\":5000.0,\"rejectThreshold\":9000.0}")
                                .status())
                .isEqualTo(200);
        return domain;
    }

    /** A generated message without its Message-ID field (the probe sets its own). */
    static String withoutMessageId(SyntheticMail.Mail mail) {
        StringBuilder kept = new StringBuilder();
        for (String line : mail.text().split("\r\n", -1)) {
            if (!line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                kept.append(line).append("\r\n");
            }
        }
        return kept.substring(0, kept.length() - 2);
    }

    /**
     * Sends {@code content} to bob@{@code domain} and returns the reasons of its log entry, found
     * by its Message-ID {@code marker}.
     */
    static String reasonsAfterSending(Api api, String domain, String content, String marker)
            throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction("sender@spam.example", List.of("bob@" + domain), content))
                    .startsWith("250");
        }
        List<Map<String, Object>> log =
                api.awaitLog(
                        e -> !e.isEmpty(),
                        Duration.ofSeconds(10),
                        "domain",
                        domain,
                        "sender",
                        "sender@spam.example",
                        "messageId",
                        marker);
        assertThat(log).isNotEmpty();
        return (String) log.get(0).get("reasons");
    }
}
