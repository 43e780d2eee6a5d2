package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inbound port takes mail for hosted domains only: it is never an open relay, whatever address
 * form a probe uses, and a domain's local recipients list narrows what it takes.
 */
@GatewayTest
@RunAsClient
class RelayPolicyIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private final Api api = Gateway.admin();
    private SmtpSink sink;
    private String domain;

    @BeforeEach
    void hostADomain() throws Exception {
        sink = SmtpSink.start();
        domain = Gateway.uniqueDomain("relay");
        api.addDomain(domain, sink.port());
    }

    @AfterEach
    void stopSink() throws Exception {
        sink.close();
    }

    @Test
    void refusesRecipientsOutsideTheHostedDomainsWithTheDocumentedReply() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.start("alice@sender.example");
            assertThat(smtp.command("RCPT TO:<bob@elsewhere.example>"))
                    .isEqualTo("550 Relay not permitted!");
            // A hosted domain's name inside another one's is no hosted domain.
            assertThat(smtp.command("RCPT TO:<bob@sub." + domain + ">"))
                    .isEqualTo("550 Relay not permitted!");
            assertThat(smtp.command("RCPT TO:<bob@" + domain + ".evil.example>"))
                    .isEqualTo("550 Relay not permitted!");
            assertThat(smtp.command("DATA")).startsWith("554 5.5.1");
        }
        assertThat(api.log("recipient", "bob@elsewhere.example")).isEmpty();
    }

    @Test
    void localRecipientsListRefusesOtherAddressesButAlwaysAcceptsPostmaster() throws Exception {
        Api.Response set =
                api.put("/domains/" + domain + "/local-recipients", "[\"info\",\"sales\"]");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.start("alice@sender.example");
            assertThat(smtp.command("RCPT TO:<nobody@" + domain + ">")).startsWith("550 5.1.1 ");
            assertThat(smtp.command("RCPT TO:<info@" + domain + ">")).startsWith("250 2.1.5");
            assertThat(smtp.command("RCPT TO:<Sales@" + domain + ">")).startsWith("250 2.1.5");
            assertThat(smtp.command("RCPT TO:<postmaster@" + domain + ">")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send(
                    SmtpConversation.message(
                                    "alice@sender.example", "info@" + domain, id(), "local")
                            + ".\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        List<String> got = sink.awaitMessages(1, DELIVERY);
        assertThat(got).hasSize(1);
        assertThat(got.get(0))
                .contains("X-Rcpt-Args: <info@" + domain + ">")
                .contains("X-Rcpt-Args: <Sales@" + domain + ">")
                .contains("X-Rcpt-Args: <postmaster@" + domain + ">")
                .doesNotContain("nobody@");
    }

    @Test
    void catchAllAcceptsEveryLocalPartDespiteTheList() throws Exception {
        assertThat(api.put("/domains/" + domain + "/local-recipients", "[\"info\"]").status())
                .isEqualTo(200);
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.start("alice@sender.example");
            assertThat(smtp.command("RCPT TO:<anyone@" + domain + ">")).startsWith("550 5.1.1");
        }
        Api.Response settings = api.put("/domains/" + domain + "/settings", "{\"catchAll\":true}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json()).containsEntry("catchAll", true);
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(
                            smtp.transaction(
                                    "alice@sender.example",
                                    List.of("anyone@" + domain),
                                    SmtpConversation.message(
                                            "alice@sender.example",
                                            "anyone@" + domain,
                                            id(),
                                            "catch-all")))
                    .startsWith("250 2.0.0");
        }
        assertThat(sink.awaitMessages(1, DELIVERY))
                .singleElement()
                .asString()
                .contains("X-Rcpt-Args: <anyone@" + domain + ">");
    }

    @Test
    void hostedDomainsMatchWhateverTheirCase() throws Exception {
        String upper = "Bob@" + domain.toUpperCase();
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(
                            smtp.transaction(
                                    "alice@sender.example",
                                    List.of(upper),
                                    SmtpConversation.message(
                                            "alice@sender.example", upper, id(), "case")))
                    .startsWith("250 2.0.0");
        }
        assertThat(sink.awaitMessages(1, DELIVERY))
                .singleElement()
                .asString()
                .contains("X-Rcpt-Args: <Bob@" + domain + ">");
    }

    @Test
    void aRemovedDomainIsNoLongerAccepted() throws Exception {
        assertThat(api.delete("/domains/" + domain).status()).isEqualTo(204);
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.start("alice@sender.example");
            assertThat(smtp.command("RCPT TO:<bob@" + domain + ">"))
                    .isEqualTo("550 Relay not permitted!");
        }
    }

    /**
     * Each address form asks a downstream server to pass the mail on to other.example. None may be
     * accepted; and a good recipient in the same transaction reaches the destination alone. {@code
     * HOSTED} stands for the test's hosted domain.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "<user%other.example@HOSTED>",
                "<user%other.example%HOSTED@HOSTED>",
                "<other.example!user@HOSTED>",
                "<\"user@other.example\"@HOSTED>",
                "<\"user%other.example\"@HOSTED>",
                "<user@[127.0.0.1]>",
                "<user@[IPv6:::1]>",
                "<@HOSTED:user@other.example>",
                "<@HOSTED,@mx.filtermx.test:user@other.example>",
                "<user@other.example@HOSTED>",
                "<user@other.example>",
            })
    void openRelayAddressFormsAreRefusedAndNothingIsRelayed(String form) throws Exception {
        String recipient = form.replace("HOSTED", domain);
        String good = "good@" + domain;
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.start("prober@sender.example");
            String reply = smtp.command("RCPT TO:" + recipient);
            assertThat(reply).as("RCPT TO:%s", recipient).startsWith("5");
            if (recipient.contains("%") || recipient.contains("!") || recipient.contains("\"")) {
                assertThat(reply).startsWith("550 5.1.3");
            } else if (recipient.contains("[")) {
                assertThat(reply).isEqualTo("550 Relay not permitted!");
            }
            assertThat(smtp.command("RCPT TO:<" + good + ">")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send(
                    SmtpConversation.message("prober@sender.example", good, id(), "relay probe")
                            + ".\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        List<String> got = sink.awaitMessages(1, DELIVERY);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).lines().filter(l -> l.startsWith("X-Rcpt-Args:")))
                .containsExactly("X-Rcpt-Args: <" + good + ">");
        // Nothing was queued for any other destination.
        List<Map<String, Object>> logged =
                api.log("sender", "prober@sender.example", "domain", domain);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).get("recipients")).isEqualTo(List.of(good));
        assertThat(api.log("domain", "other.example")).isEmpty();
    }

    private static String id() {
        return UUID.randomUUID() + "@relay.test";
    }
}
