package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DMARC relaxed alignment by the Public Suffix List, over SMTP with the gateway's own DNS lookups:
 * a sender whose SPF passes for {@code attacker.co.ke} does not align with a From of {@code
 * bank.co.ke} (the old 79-entry suffix list took {@code co.ke} as the organization of both), while
 * {@code mail.bank.co.uk} aligns with {@code bank.co.uk}.
 */
@GatewayTest
@RunAsClient
class DmarcAlignmentIT {

    private static DnsResponder dns;

    private final Api api = Gateway.admin();

    @BeforeAll
    static void serveDns() throws java.net.SocketException {
        dns = DnsResponder.start().unknownNamesDoNotExist();
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private String reasonsFor(String envelopeFrom, String headerFrom) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("dmarc");
            api.addDomain(domain, sink.port());
            assertThat(
                            api.put(
                                            "/domains/" + domain + "/filter-policy",
                                            "{\"quarantineThreshold\":5000.0,\"rejectThreshold\":6000.0}")
                                    .status())
                    .isEqualTo(200);
            String subject = "dmarc " + UUID.randomUUID();
            String content =
                    "From: "
                            + headerFrom
                            + "\r\nTo: bob@"
                            + domain
                            + "\r\nSubject: "
                            + subject
                            + "\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <"
                            + UUID.randomUUID()
                            + "@x.example>\r\n\r\nPlease pay the attached invoice.\r\n";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.transaction(envelopeFrom, List.of("bob@" + domain), content))
                        .startsWith("250");
            }
            List<Map<String, Object>> log =
                    api.awaitLog(
                            e -> !e.isEmpty(),
                            Duration.ofSeconds(10),
                            "domain",
                            domain,
                            "subject",
                            subject);
            assertThat(log).isNotEmpty();
            return String.valueOf(log.get(0).get("reasons"));
        }
    }

    @Test
    void aSiblingUnderAMultiLabelPublicSuffixDoesNotAlign() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String bank = "bank" + run + ".co.ke";
        String attacker = "attacker" + run + ".co.ke";
        dns.txt(attacker, "v=spf1 ip4:127.0.0.1 -all").txt("_dmarc." + bank, "v=DMARC1; p=reject");

        String reasons = reasonsFor("ceo@" + attacker, "CEO <ceo@" + bank + ">");

        assertThat(reasons)
                .contains("SPF_PASS")
                .contains("DMARC_FAIL_REJECT")
                .doesNotContain("DMARC_PASS");
    }

    @Test
    void aSubdomainAlignsWithItsOrganizationalDomain() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String bank = "bank" + run + ".co.uk";
        dns.txt("mail." + bank, "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc." + bank, "v=DMARC1; p=reject");

        String reasons = reasonsFor("bounce@mail." + bank, "CEO <ceo@" + bank + ">");

        assertThat(reasons).contains("SPF_PASS").contains("DMARC_PASS");
    }
}
