package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Recipient verification callouts (issue 17, ADR 0031) against real destinations on loopback: one
 * that refuses unknown users, one that accepts every address (a catch-all), one that never answers.
 * Each domain switches verification on through {@code PUT /domains/{name}/settings}. Every test
 * uses domains of its own, so the shared cache starts empty for each.
 */
@GatewayTest
@RunAsClient
class RecipientVerificationIT {

    /** FILTERMX_CALLOUT_TIMEOUT as scripts/it-env.sh sets it. */
    private static final Duration CALLOUT_TIMEOUT = Duration.ofSeconds(3);

    private final Api api = Gateway.admin();

    private void verifying(String domain, int port, boolean acceptUnverified) throws Exception {
        api.addDomain(domain, port);
        Api.Response r =
                api.put(
                        "/domains/" + domain + "/settings",
                        "{\"recipientChecks\":{\"verifyRecipients\":true,\"acceptUnverified\":"
                                + acceptUnverified
                                + "}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("recipientChecks").toString()).contains("verifyRecipients=true");
        Gateway.awaitConfigurationReloaded();
    }

    @Test
    void anUnknownUserIsRefusedAtRcptAndTheAnswerIsCached() throws Exception {
        String domain = Gateway.uniqueDomain("callout-refusing");
        try (RecipientCheckingSink destination =
                RecipientCheckingSink.accepting("alice@" + domain)) {
            verifying(domain, destination.port(), false);

            assertThat(Gateway.rcpt("nobody@" + domain)).startsWith("550 5.1.1");
            List<String> asked = destination.asked();
            assertThat(asked).contains("nobody@" + domain);
            assertThat(asked)
                    .as("the first callout also asks a random address, in the same transaction")
                    .anyMatch(a -> a.startsWith("fmx-verify-") && a.endsWith("@" + domain))
                    .hasSize(2);

            assertThat(Gateway.rcpt("Nobody@" + domain)).startsWith("550 5.1.1");
            assertThat(destination.asked()).as("cached: no second callout").hasSize(2);

            assertThat(Gateway.rcpt("alice@" + domain)).startsWith("250");
            assertThat(Gateway.rcpt("alice@" + domain)).startsWith("250");
            assertThat(destination.asked())
                    .as("one callout for alice, the catch-all status known")
                    .hasSize(3)
                    .last()
                    .isEqualTo("alice@" + domain);

            // The mail itself still goes through: the verified recipient's message is delivered.
            String messageId = UUID.randomUUID() + "@callouts.test";
            Swaks.send(
                            "sender@elsewhere.example",
                            "alice@" + domain,
                            "--header",
                            "Message-Id: <" + messageId + ">")
                    .assertAccepted();
            assertThat(destination.awaitMessages(1, Duration.ofSeconds(30)))
                    .singleElement()
                    .satisfies(m -> assertThat(m.content()).contains(messageId));
        }
    }

    @Test
    void aCatchAllDestinationIsDetectedAndNotAskedPerRecipient() throws Exception {
        String domain = Gateway.uniqueDomain("callout-catchall");
        try (RecipientCheckingSink destination = RecipientCheckingSink.acceptingAll()) {
            verifying(domain, destination.port(), false);

            assertThat(Gateway.rcpt("first@" + domain)).startsWith("250");
            assertThat(Gateway.rcpt("second@" + domain)).startsWith("250");
            assertThat(Gateway.rcpt("third@" + domain)).startsWith("250");

            assertThat(destination.asked())
                    .as("one callout (random address and first) found the catch-all")
                    .hasSize(2)
                    .contains("first@" + domain)
                    .noneMatch(a -> a.startsWith("second@") || a.startsWith("third@"));
        }
    }

    @Test
    void aDestinationThatHangsGets451WithinTheBoundOrAnAcceptWhenTheDomainSaysSo()
            throws Exception {
        // A listener that never accepts: the kernel completes the connection, nobody greets.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String deferring = Gateway.uniqueDomain("callout-hang");
            String accepting = Gateway.uniqueDomain("callout-hang-accept");
            verifying(deferring, silent.getLocalPort(), false);
            verifying(accepting, silent.getLocalPort(), true);

            long start = System.nanoTime();
            String reply = Gateway.rcpt("someone@" + deferring);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(reply).startsWith("451 4.4.1");
            assertThat(took)
                    .as("bounded by the callout timeout")
                    .isLessThan(CALLOUT_TIMEOUT.plusSeconds(3));

            assertThat(Gateway.rcpt("someone@" + accepting)).startsWith("250");
        }
    }

    @Test
    void aDomainWithoutVerificationMakesNoCallouts() throws Exception {
        String domain = Gateway.uniqueDomain("callout-off");
        try (RecipientCheckingSink destination =
                RecipientCheckingSink.accepting("alice@" + domain)) {
            api.addDomain(domain, destination.port());
            Gateway.awaitConfigurationReloaded();

            assertThat(Gateway.rcpt("nobody@" + domain)).startsWith("250");
            assertThat(destination.asked()).isEmpty();
        }
    }

    /**
     * A recipient accepted while the destination was down (the domain accepts unverified
     * recipients) and then delivered is known from that delivery: its next RCPT needs no callout.
     */
    @Test
    void aRecipientTheDestinationTookMailForNeedsNoCallout() throws Exception {
        String domain = Gateway.uniqueDomain("callout-learned");
        int port = SmtpSink.freePort();
        verifying(domain, port, true);
        String bob = "bob@" + domain;
        String messageId = UUID.randomUUID() + "@callouts.test";
        Swaks.send("sender@elsewhere.example", bob, "--header", "Message-Id: <" + messageId + ">")
                .assertAccepted();
        try (RecipientCheckingSink destination = RecipientCheckingSink.acceptingOn(port, bob)) {
            assertThat(destination.awaitMessages(1, Duration.ofSeconds(30)))
                    .singleElement()
                    .satisfies(m -> assertThat(m.content()).contains(messageId));
            assertThat(destination.asked()).as("the delivery's RCPT").containsExactly(bob);

            assertThat(Gateway.rcpt(bob)).startsWith("250");
            assertThat(destination.asked())
                    .as("learned from the delivery: no callout")
                    .containsExactly(bob);
            assertThat(Gateway.rcpt("nobody@" + domain)).startsWith("550 5.1.1");
        }
    }
}
