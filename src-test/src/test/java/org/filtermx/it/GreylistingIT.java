package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Greylisting (issue 17, ADR 0032) over real connections: the gateway's client address is the
 * source address the test binds, a loopback address of a /24 of the test's own (127.0.x.y), so that
 * no other test's passes whitelist it. The delay is 2 s (FILTERMX_GREYLIST_DELAY in
 * scripts/it-env.sh).
 */
@GatewayTest
@RunAsClient
class GreylistingIT {

    private static final Duration DELAY = Duration.ofSeconds(2);

    private final Api api = Gateway.admin();

    /** A /24 on loopback of this test's own: 127.x.y.0 with random x and y. */
    private static String subnet() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(10, 250) + "." + r.nextInt(10, 250) + ".";
    }

    private void greylisting(String domain, int port) throws Exception {
        api.addDomain(domain, port);
        Api.Response r =
                api.put(
                        "/domains/" + domain + "/settings",
                        "{\"recipientChecks\":{\"greylisting\":true}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Gateway.awaitConfigurationReloaded();
    }

    /** An SMTP session from {@code source} to the gateway, after EHLO. */
    private static SmtpConversation from(String source) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(Gateway.HOST, Gateway.SMTP_PORT), 10_000);
        SmtpConversation smtp = new SmtpConversation(socket);
        smtp.hello();
        return smtp;
    }

    private static String rcpt(String source, String sender, String recipient) throws IOException {
        try (SmtpConversation smtp = from(source)) {
            assertThat(smtp.command("MAIL FROM:<" + sender + ">")).startsWith("250");
            return smtp.command("RCPT TO:<" + recipient + ">");
        }
    }

    @Test
    void aFirstAttemptIsGreylistedAndARetryAfterTheDelayPasses() throws Exception {
        String net = subnet();
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("greylist");
            greylisting(domain, sink.port());
            String bob = "bob@" + domain;

            assertThat(rcpt(net + "1", "alice@sender.example", bob)).startsWith("451 4.7.1");
            assertThat(rcpt(net + "1", "alice@sender.example", bob))
                    .as("a retry before the delay")
                    .startsWith("451 4.7.1");

            List<Map<String, Object>> deferred = api.log("recipient", bob, "status", "DEFERRED");
            assertThat(deferred).as("greylisted attempts are in the log as deferred").hasSize(2);
            assertThat(deferred.get(0)).containsEntry("sender", "alice@sender.example");

            Thread.sleep(DELAY.plusMillis(700).toMillis());
            String messageId = UUID.randomUUID() + "@greylist.test";
            try (SmtpConversation smtp = from(net + "2")) {
                String reply =
                        smtp.transaction(
                                "alice@sender.example",
                                List.of(bob),
                                SmtpConversation.message(
                                        "alice@sender.example", bob, messageId, "greylisted"));
                assertThat(reply)
                        .as("retried from another address of the same /24, after the delay")
                        .startsWith("250");
            }
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(30)))
                    .singleElement()
                    .asString()
                    .contains(messageId);
            assertThat(rcpt(net + "3", "alice@sender.example", bob))
                    .as("a passed triplet passes at once")
                    .startsWith("250");

            assertThat(rcpt(net + "1", "carol@sender.example", bob))
                    .as("another sender is another triplet")
                    .startsWith("451 4.7.1");
            assertThat(rcpt(subnet() + "1", "alice@sender.example", bob))
                    .as("another subnet is another triplet")
                    .startsWith("451 4.7.1");
        }
    }

    @Test
    void aSubnetThatPassedOftenIsWhitelisted() throws Exception {
        String net = subnet();
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("greylist-wl");
            greylisting(domain, sink.port());
            // FILTERMX_GREYLIST_AUTO_WHITELIST: 5 passes (the default).
            for (int i = 0; i < 5; i++) {
                assertThat(rcpt(net + "1", "s" + i + "@sender.example", "bob@" + domain))
                        .startsWith("451 4.7.1");
            }
            Thread.sleep(DELAY.plusMillis(700).toMillis());
            for (int i = 0; i < 5; i++) {
                assertThat(rcpt(net + "1", "s" + i + "@sender.example", "bob@" + domain))
                        .startsWith("250");
            }
            assertThat(rcpt(net + "9", "new@sender.example", "carol@" + domain))
                    .as("a new triplet from the whitelisted /24 passes at once")
                    .startsWith("250");
        }
    }
}
