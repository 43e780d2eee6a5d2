package org.filtermx.application.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.DeliveryTransport;
import org.filtermx.application.port.MxLookup;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TransportAttempt;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.message.StoredContent;
import org.junit.jupiter.api.Test;

/**
 * Delivery decided against an in-memory transport: which hosts are tried in which order, which
 * recipients move on to the next host, and whether the outcome finishes the message or is settled
 * in the spool. No socket, no database.
 */
class MessageDeliveryTest {

    private static final StoredContent CONTENT =
            new StoredContent(
                    "Received: by test\r\n".getBytes(StandardCharsets.US_ASCII),
                    "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                    null);

    /** Answers each host with scripted replies per recipient and records every call. */
    private static final class ScriptedTransport implements DeliveryTransport {
        final Map<String, Map<String, RecipientResult>> replies = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<StoredContent> contents = new ArrayList<>();
        int idleCloses;

        ScriptedTransport answer(String host, String rcpt, DeliveryStatus status, String reply) {
            replies.computeIfAbsent(host, h -> new HashMap<>())
                    .put(rcpt, new RecipientResult(rcpt, status, reply, true));
            return this;
        }

        @Override
        public TransportAttempt deliver(
                RelayHost host, String sender, List<String> recipients, StoredContent content) {
            calls.add(host.hostAndPort() + " " + recipients);
            contents.add(content);
            Map<String, RecipientResult> script = replies.getOrDefault(host.host(), Map.of());
            List<RecipientResult> results =
                    recipients.stream()
                            .map(
                                    r ->
                                            script.getOrDefault(
                                                    r,
                                                    new RecipientResult(
                                                            r,
                                                            DeliveryStatus.TEMPORARY,
                                                            "connect to "
                                                                    + host.hostAndPort()
                                                                    + ": Connection refused",
                                                            false)))
                            .toList();
            return new TransportAttempt(host.hostAndPort(), "TEST", "scripted", results);
        }

        @Override
        public void closeIdleConnections() {
            idleCloses++;
        }
    }

    /** What the ledger and the finished-delivery batcher were handed. */
    private final List<List<RecipientResult>> settled = new ArrayList<>();

    private final List<String> settledRemotes = new ArrayList<>();
    private final List<SpoolLedger.Delivered> finished = new ArrayList<>();

    private final SpoolLedger ledger =
            new SpoolLedger() {
                @Override
                public Set<String> settle(
                        PendingDelivery d, List<RecipientResult> results, String remote) {
                    settled.add(results);
                    settledRemotes.add(remote);
                    return Set.of();
                }
            };

    private final FinishedDeliveries finishedDeliveries =
            new FinishedDeliveries() {
                @Override
                void record(SpoolLedger.Delivered delivered) {
                    finished.add(delivered);
                }
            };

    private final Map<String, HostedDomain> hosted = new HashMap<>();
    private final Map<String, Object> mx = new HashMap<>();

    private final HostedDomainDirectory directory =
            new HostedDomainDirectory() {
                @Override
                public Optional<HostedDomain> lookup(String domainName) {
                    return Optional.ofNullable(hosted.get(domainName));
                }

                @Override
                public void invalidate() {}
            };

    @SuppressWarnings("unchecked")
    private final MxLookup dns =
            domain -> {
                Object answer = mx.get(domain);
                if (answer instanceof RuntimeException e) {
                    throw e;
                }
                if (answer == null) {
                    throw new MxLookup.NoMailService("domain " + domain + " does not exist");
                }
                return (List<RelayHost>) answer;
            };

    private MessageDelivery delivery(DeliveryTransport transport) {
        return new MessageDelivery(
                ledger, finishedDeliveries, new DeliveryRoutes(directory, dns), transport);
    }

    private static PendingDelivery pending(String domain, String... recipients) {
        return new PendingDelivery(
                7, "Q7", 70, "sender@outside.example", domain, List.of(recipients), CONTENT, true);
    }

    private void hostedWithRoutes(String domain, String... hosts) {
        List<DestinationRoute> routes = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            routes.add(new DestinationRoute(hosts[i], 25, i + 1));
        }
        hosted.put(domain, new HostedDomain(domain, java.util.Set.of(), false, routes));
    }

    @Test
    void aMessageDeliveredToEachRecipientIsFinishedWithoutSettling() {
        hostedWithRoutes("example.com", "mx1.example.com");
        ScriptedTransport transport =
                new ScriptedTransport()
                        .answer(
                                "mx1.example.com",
                                "a@example.com",
                                DeliveryStatus.DELIVERED,
                                "250 2.0.0 Ok")
                        .answer(
                                "mx1.example.com",
                                "b@example.com",
                                DeliveryStatus.DELIVERED,
                                "250 2.0.0 Ok");

        delivery(transport)
                .deliverClaimed(pending("example.com", "a@example.com", "b@example.com"));

        assertThat(settled).isEmpty();
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0).remote()).isEqualTo("mx1.example.com:25");
        assertThat(transport.calls)
                .containsExactly("mx1.example.com:25 [a@example.com, b@example.com]");
        assertThat(transport.contents.get(0)).isSameAs(CONTENT);
    }

    @Test
    void onlyTheRecipientsWithATemporaryAnswerMoveOnToTheNextRoute() {
        hostedWithRoutes("example.com", "mx1.example.com", "mx2.example.com", "mx3.example.com");
        ScriptedTransport transport =
                new ScriptedTransport()
                        .answer(
                                "mx1.example.com",
                                "a@example.com",
                                DeliveryStatus.DELIVERED,
                                "250 Ok")
                        .answer(
                                "mx1.example.com",
                                "b@example.com",
                                DeliveryStatus.TEMPORARY,
                                "451 4.3.0 try later")
                        .answer(
                                "mx1.example.com",
                                "c@example.com",
                                DeliveryStatus.PERMANENT,
                                "550 5.1.1 no such user")
                        .answer(
                                "mx2.example.com",
                                "b@example.com",
                                DeliveryStatus.DELIVERED,
                                "250 Ok");

        delivery(transport)
                .deliverClaimed(
                        pending("example.com", "a@example.com", "b@example.com", "c@example.com"));

        // The permanent failure is not retried elsewhere, and once nothing is temporary the third
        // route is not tried.
        assertThat(transport.calls)
                .containsExactly(
                        "mx1.example.com:25 [a@example.com, b@example.com, c@example.com]",
                        "mx2.example.com:25 [b@example.com]");
        assertThat(finished).isEmpty();
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0))
                .extracting(RecipientResult::recipient, RecipientResult::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "a@example.com", DeliveryStatus.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple(
                                "b@example.com", DeliveryStatus.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple(
                                "c@example.com", DeliveryStatus.PERMANENT));
        assertThat(settledRemotes).containsExactly("mx2.example.com:25");
    }

    @Test
    void whenEveryRouteOnlyDefersTheLastTemporaryAnswerIsSettledForARetry() {
        hostedWithRoutes("example.com", "mx1.example.com", "mx2.example.com");
        ScriptedTransport transport =
                new ScriptedTransport()
                        .answer(
                                "mx1.example.com",
                                "a@example.com",
                                DeliveryStatus.TEMPORARY,
                                "421 busy")
                        .answer(
                                "mx2.example.com",
                                "a@example.com",
                                DeliveryStatus.TEMPORARY,
                                "452 full");

        delivery(transport).deliverClaimed(pending("example.com", "a@example.com"));

        assertThat(transport.calls).hasSize(2);
        assertThat(settled.get(0))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.status()).isEqualTo(DeliveryStatus.TEMPORARY);
                            assertThat(r.reply()).isEqualTo("452 full");
                        });
    }

    @Test
    void anOutsideDomainGoesToItsMxHostsInOrder() {
        mx.put(
                "outside.example",
                List.of(
                        new RelayHost("mx-b.outside.example", 25),
                        new RelayHost("mx-a.outside.example", 25)));
        ScriptedTransport transport =
                new ScriptedTransport()
                        .answer(
                                "mx-a.outside.example",
                                "x@outside.example",
                                DeliveryStatus.DELIVERED,
                                "250 Ok");

        delivery(transport).deliverClaimed(pending("outside.example", "x@outside.example"));

        assertThat(transport.calls)
                .containsExactly(
                        "mx-b.outside.example:25 [x@outside.example]",
                        "mx-a.outside.example:25 [x@outside.example]");
        assertThat(finished)
                .singleElement()
                .extracting(SpoolLedger.Delivered::remote)
                .isEqualTo("mx-a.outside.example:25");
    }

    @Test
    void aFullMxDestinationIsRetriedLaterWithoutConnecting() {
        mx.put("outside.example", List.of(new RelayHost("mx-a.outside.example", 25)));
        DestinationSlots slots = new DestinationSlots(1, java.time.Duration.ofMillis(100));
        assertThat(slots.acquire("outside.example")).isTrue();
        ScriptedTransport transport = new ScriptedTransport();

        new MessageDelivery(
                        ledger,
                        finishedDeliveries,
                        new DeliveryRoutes(directory, dns),
                        transport,
                        slots)
                .deliverClaimed(pending("outside.example", "x@outside.example"));

        assertThat(transport.calls).isEmpty();
        assertThat(settled.get(0))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.status()).isEqualTo(DeliveryStatus.TEMPORARY);
                            assertThat(r.reply()).contains("FILTERMX_DESTINATION_CONCURRENCY");
                        });
        assertThat(slots.inUse("outside.example")).isEqualTo(1);
    }

    @Test
    void aDeliveryByMxGivesItsSlotBackAndAHostedRouteTakesNone() {
        mx.put("outside.example", List.of(new RelayHost("mx-a.outside.example", 25)));
        hostedWithRoutes("hosted.example", "route.hosted.example");
        DestinationSlots slots = new DestinationSlots(1, java.time.Duration.ofMillis(100));
        assertThat(slots.acquire("hosted.example")).isTrue();
        ScriptedTransport transport = new ScriptedTransport();
        MessageDelivery delivery =
                new MessageDelivery(
                        ledger,
                        finishedDeliveries,
                        new DeliveryRoutes(directory, dns),
                        transport,
                        slots);

        delivery.deliverClaimed(pending("outside.example", "x@outside.example"));
        delivery.deliverClaimed(pending("outside.example", "y@outside.example"));
        delivery.deliverClaimed(pending("hosted.example", "z@hosted.example"));

        assertThat(transport.calls).hasSize(3);
        assertThat(slots.inUse("outside.example")).isZero();
    }

    @Test
    void aDomainThatTakesNoMailFailsEveryRecipientForGoodWithoutTalkingToAnyone() {
        ScriptedTransport transport = new ScriptedTransport();

        delivery(transport)
                .deliverClaimed(
                        pending("nowhere.example", "x@nowhere.example", "y@nowhere.example"));

        assertThat(transport.calls).isEmpty();
        assertThat(settled.get(0))
                .extracting(RecipientResult::status)
                .containsExactly(DeliveryStatus.PERMANENT, DeliveryStatus.PERMANENT);
        assertThat(settled.get(0).get(0).reply()).contains("nowhere.example");
        assertThat(settledRemotes).containsOnlyNulls();
    }

    @Test
    void aDnsOutageIsALocalProblemThatKeepsEveryRecipientForARetry() {
        mx.put("outside.example", new TemporaryFailure("SERVFAIL for outside.example", null));
        ScriptedTransport transport = new ScriptedTransport();

        delivery(transport).deliverClaimed(pending("outside.example", "x@outside.example"));

        assertThat(transport.calls).isEmpty();
        assertThat(settled.get(0))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.status()).isEqualTo(DeliveryStatus.TEMPORARY);
                            assertThat(r.reply())
                                    .isEqualTo("local problem: SERVFAIL for outside.example");
                        });
    }

    @Test
    void aHostedDomainWithoutRoutesIsRetriedLater() {
        hostedWithRoutes("example.com");
        ScriptedTransport transport = new ScriptedTransport();

        delivery(transport).deliverClaimed(pending("example.com", "a@example.com"));

        assertThat(settled.get(0))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.status()).isEqualTo(DeliveryStatus.TEMPORARY);
                            assertThat(r.reply()).isEqualTo("no destination for example.com");
                        });
    }

    @Test
    void theQueueScanClosesIdleConnectionsThroughTheTransport() {
        ScriptedTransport transport = new ScriptedTransport();
        delivery(transport).closeIdleConnections();
        assertThat(transport.idleCloses).isEqualTo(1);
    }
}
