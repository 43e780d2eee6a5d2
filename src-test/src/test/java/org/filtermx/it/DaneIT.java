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
 * DANE (RFC 7672) for mail the gateway delivers by MX, over real sockets: a DNSSEC-signed zone
 * served by NSD behind a validating Unbound on the gateway's resolver address (DnssecZone) holds
 * the recipient domain's MX, the MX host's address and its TLSA records at {@code
 * _<FILTERMX_MX_PORT>._tcp.<mx>}; the MX is a STARTTLS destination on FILTERMX_MX_PORT. A DANE-EE
 * record matching a self-signed certificate delivers (DANE, not the CAs, decides); a record
 * matching another certificate defers, and so does an MX without STARTTLS; a domain whose MTA-STS
 * policy (enforce) would refuse the self-signed certificate is delivered to because DANE takes
 * precedence (RFC 8461 section 2).
 */
@GatewayTest
@RunAsClient
class DaneIT {

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

    private void hostedDomainWithUser() throws Exception {
        SmtpSink contact = keep(SmtpSink.start());
        domain = Gateway.uniqueDomain("dane-sender");
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

    /** A signed zone {@code remote} with its MX on loopback and a DANE-EE record for {@code ee}. */
    private DnssecZone.Builder signedMx(String remote, TestCertificates ee) throws Exception {
        String mx = "mx." + remote;
        return DnssecZone.builder()
                .signed(remote)
                .mx(remote, mx, 10)
                .address(mx, "127.0.0.1")
                .tlsa(mx, Gateway.MX_PORT, 3, 1, 1, ee.certificate());
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
                                + ">\r\nSubject: DANE\r\nMessage-ID: <"
                                + messageId
                                + ">\r\n\r\nHello over DANE.\r\n");
        assertThat(sent.accepted()).as(sent.replies().toString()).isTrue();
        return messageId;
    }

    @Test
    void aMatchingDaneEeRecordDeliversToASelfSignedMx() throws Exception {
        hostedDomainWithUser();
        String remote = "dane-ok-" + tag() + ".test";
        keep(signedMx(remote, TestCertificates.SELF_SIGNED).start());
        TlsDestination mx =
                keep(TlsDestination.startOn(Gateway.MX_PORT, TestCertificates.SELF_SIGNED));

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
    void aCertificateNoTlsaRecordMatchesDefers() throws Exception {
        hostedDomainWithUser();
        String remote = "dane-bad-" + tag() + ".test";
        keep(signedMx(remote, TestCertificates.TRUSTED).start());
        TlsDestination mx =
                keep(TlsDestination.startOn(Gateway.MX_PORT, TestCertificates.SELF_SIGNED));

        String messageId = submit("bob@" + remote);

        awaitDeferral(
                messageId, "DANE TLSA records of _" + Gateway.MX_PORT, "no TLSA record matches");
        assertThat(mx.messages()).isEmpty();
    }

    @Test
    void secureTlsaRecordsMakeTlsMandatory() throws Exception {
        hostedDomainWithUser();
        String remote = "dane-plain-" + tag() + ".test";
        keep(signedMx(remote, TestCertificates.SELF_SIGNED).start());
        SmtpSink plainMx = keep(SmtpSink.startOn(Gateway.MX_PORT));

        String messageId = submit("bob@" + remote);

        awaitDeferral(messageId, "TLS required (DANE TLSA records of", "offers no STARTTLS");
        assertThat(plainMx.messagesAfter(Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void daneTakesPrecedenceOverMtaSts() throws Exception {
        hostedDomainWithUser();
        // The MTA-STS test domains are named in the test CA's certificate; the policy allows the
        // MX, but MTA-STS alone would refuse its self-signed certificate.
        String remote = "sts-none.test";
        keep(
                signedMx(remote, TestCertificates.SELF_SIGNED)
                        .txt("_mta-sts." + remote, "v=STSv1; id=" + tag())
                        .address("mta-sts." + remote, "127.0.0.1")
                        .start());
        MtaStsPolicyServer policy =
                keep(
                        MtaStsPolicyServer.serving(
                                MtaStsPolicyServer.policy("enforce", "*." + remote)));
        TlsDestination mx =
                keep(TlsDestination.startOn(Gateway.MX_PORT, TestCertificates.SELF_SIGNED));

        String messageId = submit("bob@" + remote);

        assertThat(mx.awaitMessages(1, DELIVERY))
                .as(mx.sessions().toString())
                .singleElement()
                .satisfies(m -> assertThat(m.content()).contains("<" + messageId + ">"));
        assertThat(policy.requests())
                .as("the MTA-STS policy was in force")
                .isGreaterThanOrEqualTo(1);
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

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
