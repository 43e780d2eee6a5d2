package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * A hosted domain's TLS policy over real sockets. Delivery {@code required}: a destination without
 * STARTTLS (Postfix's smtp-sink) gets nothing, the message stays queued and the log shows it
 * deferred with the reason; a self-signed STARTTLS destination gets it. Delivery {@code verified}:
 * a self-signed certificate defers, one issued by the test CA (FILTERMX_TLS_TRUST_ANCHORS in
 * scripts/it-env.sh) for the route host delivers. Inbound {@code required}: RCPT before STARTTLS is
 * answered {@code 530 5.7.0} (RFC 3207 section 4), after it {@code 250}.
 */
@GatewayTest
@RunAsClient
class TlsPolicyIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private final Api api = Gateway.admin();

    private void tlsPolicy(String domain, String delivery, String inbound) {
        Api.Response r =
                api.put(
                        "/domains/" + domain + "/settings",
                        "{\"tlsPolicy\":{\"delivery\":\""
                                + delivery
                                + "\",\"inbound\":\""
                                + inbound
                                + "\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("tlsPolicy"))
                .isEqualTo(Map.of("delivery", delivery, "inbound", inbound));
    }

    @Test
    void requiredTlsDefersWhileTheDestinationOffersNoStartTlsAndKeepsTheMessageQueued()
            throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("tls-required");
        api.addDomain(domain, port);
        tlsPolicy(domain, "required", "optional");
        String messageId;
        try (SmtpSink plain = SmtpSink.startOn(port)) {
            messageId = send("bob@" + domain, "required TLS, plain destination");
            Map<String, Object> entry = awaitDeferral(messageId, "offers no STARTTLS");
            assertThat(entry).containsEntry("status", "DEFERRED");
            assertThat(plain.messagesAfter(Duration.ofSeconds(3)))
                    .as("nothing went out in plain text")
                    .isEmpty();
        }
        // Still queued: once the policy allows plain text again, the same message is delivered.
        tlsPolicy(domain, "opportunistic", "optional");
        try (SmtpSink plain = SmtpSink.startOn(port)) {
            assertThat(plain.awaitMessages(1, DELIVERY))
                    .singleElement()
                    .asString()
                    .contains("<" + messageId + ">");
        }
    }

    @Test
    void requiredTlsDeliversToASelfSignedStartTlsDestination() throws Exception {
        try (TlsDestination destination = TlsDestination.start(TestCertificates.SELF_SIGNED)) {
            String domain = Gateway.uniqueDomain("tls-any-cert");
            api.addDomain(domain, destination.port());
            tlsPolicy(domain, "required", "optional");

            String messageId = send("bob@" + domain, "required TLS, self-signed destination");

            assertThat(destination.awaitMessages(1, DELIVERY))
                    .as(destination.sessions().toString())
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.tls()).isTrue();
                                assertThat(m.content()).contains("<" + messageId + ">");
                            });
        }
    }

    @Test
    void verifiedTlsDefersASelfSignedCertificateAndDeliversToATrustedOneNamingTheHost()
            throws Exception {
        int port = SmtpSink.freePort();
        String domain = Gateway.uniqueDomain("tls-verified");
        // The route host is 127.0.0.1: the test certificates name it as an iPAddress.
        api.addDomain(domain, port);
        tlsPolicy(domain, "verified", "optional");
        String messageId;
        try (TlsDestination untrusted =
                TlsDestination.startOn(port, TestCertificates.SELF_SIGNED)) {
            messageId = send("bob@" + domain, "verified TLS");
            awaitDeferral(messageId, "not verified: certificate not trusted");
            assertThat(untrusted.messages()).as("nothing sent to an unverified server").isEmpty();
            assertThat(untrusted.sessions()).anyMatch(s -> s.startsWith("TLS"));
        }
        try (TlsDestination trusted = TlsDestination.startOn(port, TestCertificates.TRUSTED)) {
            assertThat(trusted.awaitMessages(1, DELIVERY))
                    .as(trusted.sessions().toString())
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.tls()).isTrue();
                                assertThat(m.content()).contains("<" + messageId + ">");
                            });
        }
    }

    @Test
    void inboundRequiredTlsRefusesRecipientsBeforeStartTlsAndAcceptsThemAfter() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("tls-inbound");
            api.addDomain(domain, sink.port());
            tlsPolicy(domain, "opportunistic", "required");
            String rcpt = "bob@" + domain;
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + rcpt + ">"))
                        .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
                // RFC 3207 section 4: STARTTLS outside a mail transaction.
                assertThat(smtp.command("RSET")).startsWith("250");
                assertThat(smtp.command("STARTTLS")).startsWith("220");
                smtp.startTls();
                smtp.command("EHLO client.example");
                String messageId = UUID.randomUUID() + "@tls-inbound";
                assertThat(
                                smtp.transaction(
                                        "alice@sender.example",
                                        List.of(rcpt),
                                        SmtpConversation.message(
                                                "alice@sender.example",
                                                rcpt,
                                                messageId,
                                                "inbound over TLS")))
                        .startsWith("250 2.0.0");
                assertThat(sink.awaitMessages(1, DELIVERY))
                        .singleElement()
                        .asString()
                        .contains("<" + messageId + ">");
            }
            // Other domains in the same plain-text session are not affected.
            String other = Gateway.uniqueDomain("tls-inbound-other");
            api.addDomain(other, sink.port());
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<bob@" + other + ">")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("530 5.7.0");
            }
        }
    }

    @Test
    void anInvalidTlsPolicyIsAJsonErrorAndChangesNothing() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("tls-invalid");
            api.addDomain(domain, sink.port());
            Api.Response r =
                    api.put(
                            "/domains/" + domain + "/settings",
                            "{\"tlsPolicy\":{\"delivery\":\"sometimes\",\"inbound\":\"required\"}}");
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().toString()).contains("tlsPolicy.delivery");
            Map<String, Object> details = api.get("/domains/" + domain).json();
            assertThat(details.get("tlsPolicy"))
                    .isEqualTo(Map.of("delivery", "opportunistic", "inbound", "optional"));
        }
    }

    @Test
    void onlyLoginsThatMayEditTheDomainChangeItsTlsPolicy() throws Exception {
        String password = "Domain-Login-Secret-42";
        try (SmtpSink sink = SmtpSink.start()) {
            String victim = Gateway.uniqueDomain("tls-victim");
            String attacker = Gateway.uniqueDomain("tls-attacker");
            for (String d : List.of(victim, attacker)) {
                api.addDomain(d, sink.port());
                assertThat(
                                api.put(
                                                "/domains/" + d + "/settings",
                                                "{\"password\":\"" + password + "\"}")
                                        .status())
                        .isEqualTo(200);
            }
            String required = "{\"tlsPolicy\":{\"delivery\":\"required\"}}";
            Api.Response refused =
                    new Api(attacker, password).put("/domains/" + victim + "/settings", required);
            assertThat(refused.status()).as(refused.toString()).isIn(403, 404);
            assertThat(api.get("/domains/" + victim).json().get("tlsPolicy"))
                    .isEqualTo(Map.of("delivery", "opportunistic", "inbound", "optional"));
            Api.Response own =
                    new Api(victim, password).put("/domains/" + victim + "/settings", required);
            assertThat(own.status()).as(own.toString()).isEqualTo(200);
            assertThat(api.get("/domains/" + victim).json().get("tlsPolicy"))
                    .isEqualTo(Map.of("delivery", "required", "inbound", "optional"));
        }
    }

    /**
     * Waits until the message's log entry shows a deferred delivery attempt whose detail contains
     * {@code reason}; returns the entry.
     */
    private Map<String, Object> awaitDeferral(String messageId, String reason)
            throws InterruptedException {
        Predicate<Map<String, Object>> deferredForTls =
                event ->
                        "DEFERRED".equals(event.get("status"))
                                && String.valueOf(event.get("detail")).contains("TLS required")
                                && String.valueOf(event.get("detail")).contains(reason);
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        List<Map<String, Object>> history = List.of();
        Map<String, Object> entry = null;
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> entries = api.log("messageId", messageId);
            if (!entries.isEmpty()) {
                entry = entries.get(0);
                history = history(entry);
                if (history.stream().anyMatch(deferredForTls)) {
                    // The entry's own status follows the history within a moment.
                    return api.awaitLog(
                                    Api.allWithStatus(1, "DEFERRED"),
                                    Duration.ofSeconds(10),
                                    "messageId",
                                    messageId)
                            .get(0);
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no deferral for '" + reason + "' in " + entry + " " + history);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(Map<String, Object> entry) {
        return (List<Map<String, Object>>) api.logEntry(entry.get("id")).get("history");
    }

    private static String send(String to, String subject) throws Exception {
        String messageId = UUID.randomUUID() + "@tls-policy.test";
        Swaks.send(
                        "alice@sender.example",
                        to,
                        "--header",
                        "Message-Id: <" + messageId + ">",
                        "--header",
                        "Subject: " + subject)
                .assertAccepted();
        return messageId;
    }
}
