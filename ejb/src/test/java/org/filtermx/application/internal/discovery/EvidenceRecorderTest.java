package org.filtermx.application.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.port.RecipientEvidenceStore;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.junit.jupiter.api.Test;

class EvidenceRecorderTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    private final Map<String, HostedDomain> hosted =
            Map.of(
                    "d.test", domain("d.test"),
                    "alias.test", domain("d.test"),
                    "other.test", domain("other.test"));

    private final List<Collection<String>> askedIds = new ArrayList<>();
    private final List<RecipientEvidenceStore.Sighting> written = new ArrayList<>();
    private List<String> delivered = List.of();

    private final DiscoveryEvidence evidence = new DiscoveryEvidence();
    private final EvidenceRecorder recorder =
            new EvidenceRecorder(
                    evidence,
                    new HostedDomainDirectory() {
                        @Override
                        public Optional<HostedDomain> lookup(String name) {
                            return Optional.ofNullable(hosted.get(name));
                        }

                        @Override
                        public void invalidate() {}
                    },
                    new RecipientEvidenceStore() {
                        @Override
                        public void record(Collection<Sighting> sightings) {
                            written.addAll(sightings);
                        }

                        @Override
                        public int purge(Instant before, int max) {
                            return 0;
                        }

                        @Override
                        public List<Row> evidence(String domain, int max) {
                            return List.of();
                        }

                        @Override
                        public List<String> deliveredRecipientsOf(
                                String domain, Collection<String> ids, int max) {
                            askedIds.add(List.copyOf(ids));
                            return delivered.stream().limit(max).toList();
                        }

                        @Override
                        public Map<String, Long> recentRecipients(
                                String domain, Instant since, int max) {
                            return Map.of();
                        }
                    });

    private static HostedDomain domain(String name) {
        return new HostedDomain(
                name, Set.of(), false, List.of(new DestinationRoute("mx." + name, 25, 1)));
    }

    private static ParsedMessage message(String... fields) {
        List<HeaderField> headers = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(new HeaderField(fields[i], fields[i + 1]));
        }
        return new ParsedMessage(headers, "", "", List.of(), 1, 0, List.of());
    }

    @Test
    void theSendersOwnAddressesAreCreditedOncePerMessageAndAddedUpPerBatch() {
        evidence.sent("d.test", "Alice@d.test", message("From", "Alice <alice@D.test>"), AT);
        evidence.sent(
                "d.test",
                "bounce@alias.test",
                message("From", "Bob <bob@d.test>"),
                AT.plusSeconds(60));
        evidence.sent("d.test", "alice@d.test", message(), AT.plusSeconds(120));

        assertThat(recorder.flush()).isEqualTo(3);

        assertThat(written)
                .extracting(
                        s -> s.domain() + " " + s.localPart() + " " + s.source() + " " + s.count())
                .containsExactlyInAnyOrder(
                        "d.test alice sender 2", "d.test bounce sender 1", "d.test bob sender 1");
        RecipientEvidenceStore.Sighting alice =
                written.stream()
                        .filter(s -> s.localPart().equals("alice"))
                        .findFirst()
                        .orElseThrow();
        assertThat(alice.firstSeen()).isEqualTo(AT);
        assertThat(alice.lastSeen()).isEqualTo(AT.plusSeconds(120));
        assertThat(askedIds).as("no In-Reply-To, no log read").isEmpty();
        assertThat(recorder.flush()).as("drained").isZero();
    }

    @Test
    void aForgedFromOfAnotherTenantsDomainIsNotCredited() {
        evidence.sent(
                "d.test",
                "shop@d.test",
                message("From", "ceo@other.test", "Reply-To", "x@other.test"),
                AT);
        recorder.flush();
        assertThat(written)
                .extracting(RecipientEvidenceStore.Sighting::localPart)
                .containsExactly("shop");
        assertThat(written).allMatch(s -> s.domain().equals("d.test"));
    }

    @Test
    void theAnsweredMessagesRecipientsAreCreditedAsReplies() {
        delivered = List.of("b@d.test", "B@alias.test", "c@d.test");
        evidence.sent(
                "d.test",
                "b@d.test",
                message(
                        "From",
                        "b@d.test",
                        "In-Reply-To",
                        "<m1@remote>",
                        "References",
                        "<m0@remote> <m1@remote>"),
                AT);
        recorder.flush();
        assertThat(askedIds).containsExactly(List.of("m1@remote", "m0@remote"));
        assertThat(written)
                .extracting(s -> s.localPart() + " " + s.source() + " " + s.count())
                .containsExactlyInAnyOrder("b sender 1", "b reply 1", "c reply 1");
    }

    @Test
    void aReplyToABigListCreditsAtMostFiftyAddresses() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add("u" + i + "@d.test");
        }
        delivered = many;
        evidence.sent("d.test", "", message("In-Reply-To", "<m@remote>"), AT);
        recorder.flush();
        assertThat(written).hasSize(Sightings.PER_MESSAGE);
    }
}
