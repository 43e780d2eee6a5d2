package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the database is down the gateway cannot commit mail, so it must say "try again later"
 * (4xx), never refuse mail for good (5xx) nor accept what it cannot keep (250); once the database
 * is back, mail flows again without a restart.
 *
 * <p>It stops the shared database, and starts it again and waits for the gateway's health before it
 * ends.
 */
@GatewayTest
@RunAsClient
class DatabaseOutageIT {

    /**
     * How long the gateway's recipient cache trusts itself, plus a margin, and how long to recover.
     */
    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(15);

    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private final Api api = Gateway.admin();
    private SmtpSink sink;
    private String domain;

    @BeforeEach
    void hostADomain() throws Exception {
        sink = SmtpSink.start();
        domain = Gateway.uniqueDomain("outage");
        api.addDomain(domain, sink.port());
    }

    @AfterEach
    void restoreTheDatabase() throws Exception {
        try {
            Gateway.startDatabase();
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(60)))
                    .as("gateway healthy again")
                    .isTrue();
        } finally {
            sink.close();
        }
    }

    @Test
    void mailIsDeferredWhileTheDatabaseIsDownAndFlowsAgainWhenItIsBack() throws Exception {
        String rcpt = "bob@" + domain;
        String lostId = UUID.randomUUID() + "@outage.test";
        List<String> replies = new ArrayList<>();
        try (SmtpConversation inFlight = SmtpConversation.open()) {
            inFlight.timeout(Duration.ofSeconds(90));
            inFlight.hello();
            assertThat(inFlight.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
            assertThat(inFlight.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            assertThat(inFlight.command("DATA")).startsWith("354");
            inFlight.send(
                    SmtpConversation.message("alice@sender.example", rcpt, lostId, "in flight"));

            Gateway.stopDatabase();

            // The end of data cannot be committed now.
            inFlight.send(".\r\n");
            String endOfData = inFlight.reply();
            assertThat(endOfData)
                    .as("end of data while the database is down")
                    .startsWith("451 4.3.0");
        }
        Api.Response health = Api.anonymous().get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json()).containsEntry("status", "DOWN");
        assertThat(health.json().get("parts")).isEqualTo(Map.of("database", "DOWN", "smtp", "UP"));
        // Checked at the end, so that the mail path is tested whatever the API does.
        Api.Response apiDuringOutage = api.get("/domains/" + domain);

        // Once the recipient cache stops trusting itself, RCPT is deferred too.
        String rcptReply = pollRecipient(rcpt, OUTAGE_NOTICED, replies);
        assertThat(rcptReply).startsWith("451 4.3.0");

        Gateway.startDatabase();
        long back = System.nanoTime();
        String recoveredId = UUID.randomUUID() + "@outage.test";
        String accepted = null;
        while (System.nanoTime() - back < RECOVERY.toNanos()) {
            accepted = tryToSend(rcpt, recoveredId, replies);
            if (accepted != null) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(accepted)
                .as(
                        "accepted within %s after the database came back; replies: %s",
                        RECOVERY, replies)
                .startsWith("250 2.0.0");
        assertThat(replies).as("no reply refused mail for good").noneMatch(r -> r.startsWith("5"));

        List<String> got = sink.awaitMessages(1, Duration.ofSeconds(30));
        assertThat(got).singleElement().asString().contains("Message-ID: <" + recoveredId + ">");
        assertThat(sink.messagesAfter(Duration.ofSeconds(2)))
                .as("the message answered 451 was not delivered")
                .noneMatch(m -> m.contains(lostId));

        // The API says "temporarily unavailable" (503) rather than reporting a server fault.
        assertThat(apiDuringOutage.status()).as(apiDuringOutage.toString()).isEqualTo(503);
        assertThat(apiDuringOutage.json()).containsKeys("error", "detail");
    }

    /** RCPT in fresh sessions until it is no longer accepted; every reply must be 250 or 4xx. */
    private static String pollRecipient(String rcpt, Duration timeout, List<String> replies)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String reply = null;
        while (System.nanoTime() < deadline) {
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                String mail = smtp.command("MAIL FROM:<alice@sender.example>");
                replies.add(mail);
                if (mail.startsWith("250")) {
                    reply = smtp.command("RCPT TO:<" + rcpt + ">");
                    replies.add(reply);
                    assertThat(reply)
                            .as("RCPT while the database is down")
                            .matches("(250|4\\d\\d) [\\s\\S]*");
                    if (!reply.startsWith("250")) {
                        return reply;
                    }
                }
            }
            Thread.sleep(500);
        }
        return reply;
    }

    /** One whole transaction; returns the 250 reply, or null when a step was deferred (4xx). */
    private static String tryToSend(String rcpt, String messageId, List<String> replies)
            throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            for (String command :
                    List.of("MAIL FROM:<alice@sender.example>", "RCPT TO:<" + rcpt + ">", "DATA")) {
                String reply = smtp.command(command);
                replies.add(reply);
                if (!reply.startsWith("250") && !reply.startsWith("354")) {
                    return null;
                }
            }
            smtp.send(
                    SmtpConversation.message(
                                    "alice@sender.example", rcpt, messageId, "after the outage")
                            + ".\r\n");
            String reply = smtp.reply();
            replies.add(reply);
            return reply.startsWith("250") ? reply : null;
        }
    }
}
