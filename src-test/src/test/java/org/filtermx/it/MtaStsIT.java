package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MTA-STS (RFC 8461) for mail the gateway delivers by MX, over real sockets: an outgoing user
 * submits to a recipient domain whose MX (on FILTERMX_MX_PORT), {@code _mta-sts} TXT record and
 * policy host {@code mta-sts.<domain>} dnsmasq serves; the policy comes from a local HTTPS server
 * with the test CA's certificate (MtaStsPolicyServer). Enforce: an MX without STARTTLS, an MX the
 * policy does not name and an MX with an untrusted certificate all defer, shown in the log; an MX
 * with a trusted certificate for its name gets the message over TLS. Testing: delivered anyway.
 */
@GatewayTest
@RunAsClient
class MtaStsIT {

    private static final String PASSWORD = "Outgoing-Secret-42";
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final Duration LOG_WAIT = Duration.ofSeconds(60);

    private final Api admin = Gateway.admin();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String domain;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        resources.clear();
        if (domain != null) {
            admin.delete("/domains/" + domain);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A hosted domain with the outgoing user shop@domain; its route is a sink. */
    private void hostedDomainWithUser() throws Exception {
        SmtpSink contact = keep(SmtpSink.start());
        domain = Gateway.uniqueDomain("sts-sender");
        admin.addDomain(domain, contact.port());
        Api.Response user =
                admin.post(
                        "/outgoing-users",
                        "{\"domain\":\""
                                + domain
                                + "\",\"username\":\"shop\",\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
    }

    /**
     * dnsmasq with {@code remote}'s MX {@code mxHost}, its {@code _mta-sts} record with a fresh id
     * and {@code mta-sts.<remote>}, all on loopback; and the policy server with {@code policy}.
     */
    private MtaStsPolicyServer published(String remote, String mxHost, String policy)
            throws Exception {
        keep(
                Dnsmasq.builder()
                        .mx(remote, mxHost, 10)
                        .address(mxHost, "127.0.0.1")
                        .txt(
                                "_mta-sts." + remote,
                                "v=STSv1; id=" + UUID.randomUUID().toString().replace("-", ""))
                        .address("mta-sts." + remote, "127.0.0.1")
                        .start());
        return keep(MtaStsPolicyServer.serving(policy));
    }

    private String submit(String to) throws Exception {
        String messageId = UUID.randomUUID() + "@" + domain;
        Submission.Result sent =
                Submission.send(
                        Submission.Port.STARTTLS,
                        Submission.Auth.PLAIN,
                        "shop@" + domain,
                        PASSWORD,
                        "alice@" + domain,
                        List.of(to),
                        "From: Alice <alice@"
                                + domain
                                + ">\r\nTo: <"
                                + to
                                + ">\r\nSubject: MTA-STS\r\nMessage-ID: <"
                                + messageId
                                + ">\r\n\r\nHello over verified TLS.\r\n");
        assertThat(sent.accepted()).as(sent.replies().toString()).isTrue();
        return messageId;
    }

    @Test
    void enforceDefersWhileTheMxOffersNoStartTls() throws Exception {
        hostedDomainWithUser();
        String remote = "sts-plain.test";
        MtaStsPolicyServer policy =
                published(
                        remote,
                        "mx." + remote,
                        MtaStsPolicyServer.policy("enforce", "mx." + remote));
        SmtpSink plainMx = keep(SmtpSink.startOn(Gateway.MX_PORT));

        String messageId = submit("bob@" + remote);

        awaitDeferral(
                messageId,
                "TLS required (MTA-STS policy of " + remote + "): ",
                "offers no STARTTLS");
        assertThat(plainMx.messagesAfter(Duration.ofSeconds(2))).isEmpty();
        assertThat(policy.requests()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void enforceDefersWhenNoMxHostMatchesThePolicy() throws Exception {
        hostedDomainWithUser();
        String remote = "sts-other.test";
        published(
                remote, "mx." + remote, MtaStsPolicyServer.policy("enforce", "mx.elsewhere.test"));
        TlsDestination mx = keep(TlsDestination.startOn(Gateway.MX_PORT, TestCertificates.TRUSTED));

        String messageId = submit("bob@" + remote);

        awaitDeferral(messageId, "MTA-STS policy of " + remote, "no MX host matches");
        assertThat(mx.sessions()).as("the MX is not even contacted").isEmpty();
    }

    @Test
    void enforceDefersAnMxWhoseCertificateIsNotTrusted() throws Exception {
        hostedDomainWithUser();
        String remote = "sts-fail.test";
        published(remote, "mx." + remote, MtaStsPolicyServer.policy("enforce", "*." + remote));
        TlsDestination mx =
                keep(TlsDestination.startOn(Gateway.MX_PORT, TestCertificates.SELF_SIGNED));

        String messageId = submit("bob@" + remote);

        awaitDeferral(messageId, "MTA-STS policy of " + remote, "certificate not trusted");
        assertThat(mx.messages()).isEmpty();
    }

    @Test
    void enforceDeliversOverVerifiedTlsToAMatchingMx() throws Exception {
        hostedDomainWithUser();
        String remote = "sts-good.test";
        published(remote, "mx." + remote, MtaStsPolicyServer.policy("enforce", "mx." + remote));
        TlsDestination mx = keep(TlsDestination.startOn(Gateway.MX_PORT, TestCertificates.TRUSTED));

        String messageId = submit("bob@" + remote);

        assertThat(mx.awaitMessages(1, DELIVERY))
                .as(mx.sessions().toString())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.tls()).isTrue();
                            assertThat(m.content()).contains("<" + messageId + ">");
                        });
    }

    @Test
    void testingModeDeliversEvenWithoutTls() throws Exception {
        hostedDomainWithUser();
        String remote = "sts-testing.test";
        MtaStsPolicyServer policy =
                published(
                        remote,
                        "mx." + remote,
                        MtaStsPolicyServer.policy("testing", "mx." + remote));
        SmtpSink plainMx = keep(SmtpSink.startOn(Gateway.MX_PORT));

        String messageId = submit("bob@" + remote);

        assertThat(plainMx.awaitMessages(1, DELIVERY))
                .singleElement()
                .asString()
                .contains("<" + messageId + ">");
        assertThat(policy.requests()).as("the policy was fetched").isGreaterThanOrEqualTo(1);
    }

    /**
     * Waits until the message's log entry shows a deferred attempt whose detail contains each of
     * {@code parts}.
     */
    private void awaitDeferral(String messageId, String... parts) throws InterruptedException {
        Predicate<Map<String, Object>> matching =
                event -> {
                    if (!"DEFERRED".equals(event.get("status"))) {
                        return false;
                    }
                    String detail = String.valueOf(event.get("detail"));
                    for (String part : parts) {
                        if (!detail.contains(part)) {
                            return false;
                        }
                    }
                    return true;
                };
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> entries = admin.log("messageId", messageId);
            if (!entries.isEmpty()) {
                List<Map<String, Object>> history = history(entries.get(0));
                last = history;
                if (history.stream().anyMatch(matching)) {
                    // The entry's own status follows the history within a moment.
                    assertThat(
                                    admin.awaitLog(
                                            Api.allWithStatus(1, "DEFERRED"),
                                            Duration.ofSeconds(10),
                                            "messageId",
                                            messageId))
                            .singleElement()
                            .satisfies(e -> assertThat(e).containsEntry("status", "DEFERRED"));
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no deferral with " + List.of(parts) + " in " + last);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(Map<String, Object> entry) {
        return (List<Map<String, Object>>) admin.logEntry(entry.get("id")).get("history");
    }
}
