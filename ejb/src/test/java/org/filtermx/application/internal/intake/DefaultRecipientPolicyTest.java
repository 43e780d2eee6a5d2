package org.filtermx.application.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.junit.jupiter.api.Test;

class DefaultRecipientPolicyTest {

    private static final List<DestinationRoute> ROUTE =
            List.of(new DestinationRoute("127.0.0.1", 2525, 10));
    private static final HostedDomain EXAMPLE =
            new HostedDomain("example.com", Set.of(), false, ROUTE);
    private static final HostedDomain LISTED =
            new HostedDomain("listed.example", Set.of("info", "sales"), false, ROUTE);
    private static final HostedDomain CATCH_ALL =
            new HostedDomain("catchall.example", Set.of("info"), true, ROUTE);

    private static final HostedDomain TLS_ONLY =
            new HostedDomain(
                    "tls.example",
                    Set.of(),
                    false,
                    ROUTE,
                    false,
                    null,
                    null,
                    org.filtermx.domain.model.domain.InboundTls.REQUIRED);

    private final Map<String, HostedDomain> hosted =
            Map.of(
                    "tls.example", TLS_ONLY,
                    "example.com", EXAMPLE,
                    "example.net", EXAMPLE,
                    "listed.example", LISTED,
                    "catchall.example", CATCH_ALL);

    private final DefaultRecipientPolicy policy =
            new DefaultRecipientPolicy(
                    new HostedDomainDirectory() {
                        @Override
                        public Optional<HostedDomain> lookup(String domainName) {
                            return Optional.ofNullable(hosted.get(domainName.toLowerCase()));
                        }

                        @Override
                        public void invalidate() {}
                    });

    private final SmtpSession session =
            new SmtpSession(
                    "S1",
                    Role.INBOUND,
                    "192.0.2.1",
                    "client.example",
                    true,
                    null,
                    null,
                    null,
                    "mx.test");

    private RecipientDecision decide(String rcpt) {
        return policy.decide(session, "sender@elsewhere.example", rcpt);
    }

    @Test
    void aDomainRequiringTlsRefusesRecipientsBeforeStartTlsWith530() {
        assertThat(decide("bob@tls.example").reply().line())
                .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        assertThat(decide("bob@example.com").accepted()).as("other domains").isTrue();
    }

    @Test
    void aDomainRequiringTlsAcceptsRecipientsAfterStartTls() {
        SmtpSession overTls =
                new SmtpSession(
                        "S2",
                        Role.INBOUND,
                        "192.0.2.1",
                        "client.example",
                        true,
                        "TLSv1.3",
                        "TLS_AES_128_GCM_SHA256",
                        null,
                        "mx.test");
        RecipientDecision d = policy.decide(overTls, "sender@elsewhere.example", "bob@tls.example");
        assertThat(d.accepted()).isTrue();
        assertThat(d.envelopeRecipient()).isEqualTo("bob@tls.example");
    }

    @Test
    void acceptsRecipientsOfHostedDomains() {
        assertThat(decide("bob@example.com").accepted()).isTrue();
        assertThat(decide("bob@example.com").envelopeRecipient()).isEqualTo("bob@example.com");
    }

    @Test
    void rewritesAliasDomainToMainDomain() {
        RecipientDecision d = decide("Bob@Example.NET");
        assertThat(d.accepted()).isTrue();
        assertThat(d.envelopeRecipient()).isEqualTo("Bob@example.com");
    }

    @Test
    void refusesRelayWithTheContractText() {
        assertThat(decide("someone@elsewhere.example").reply().line())
                .isEqualTo("550 Relay not permitted!");
        assertThat(decide("someone@[192.0.2.7]").reply().line())
                .isEqualTo("550 Relay not permitted!");
    }

    @Test
    void refusesRoutingSyntaxThatOpenRelayProbesUse() {
        assertThat(decide("user%elsewhere.example@example.com").reply().code()).isEqualTo(550);
        assertThat(decide("elsewhere.example!user@example.com").reply().code()).isEqualTo(550);
        assertThat(decide("\"user@elsewhere.example\"@example.com").reply().code()).isEqualTo(550);
    }

    @Test
    void localRecipientsListRefusesOtherAddressesButNotPostmaster() {
        assertThat(decide("info@listed.example").accepted()).isTrue();
        assertThat(decide("SALES@listed.example").accepted()).isTrue();
        assertThat(decide("nobody@listed.example").reply().line()).startsWith("550 5.1.1 ");
        assertThat(decide("postmaster@listed.example").accepted()).isTrue();
    }

    @Test
    void catchAllAcceptsEveryAddressDespiteTheList() {
        assertThat(decide("anything@catchall.example").accepted()).isTrue();
    }

    @Test
    void refusesAddressesWithoutDomain() {
        assertThat(decide("bob").reply().code()).isEqualTo(501);
    }
}
