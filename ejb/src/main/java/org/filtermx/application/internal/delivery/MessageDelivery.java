package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.internal.verification.LearnedRecipients;
import org.filtermx.application.port.DeliveryTransport;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TransportAttempt;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * One delivery attempt of one spooled message: claim it, try its destinations in order until every
 * recipient has a final answer or the destinations run out, then record the outcome. Recipients
 * that only got temporary answers move on to the next destination, as an MTA moves down its MX
 * list. The {@link DeliveryTransport} carries the message; this class only decides.
 */
@ApplicationScoped
class MessageDelivery {

    private static final Logger LOG = Logger.getLogger(MessageDelivery.class.getName());

    @Inject private SpoolLedger ledger;
    @Inject private FinishedDeliveries finished;
    @Inject private DeliveryRoutes routes;
    @Inject private DeliveryTransport transport;
    @Inject private DestinationSlots slots;
    @Inject private LearnedRecipients learned;
    @Inject private DeliveryCounts counts = new DeliveryCounts();

    MessageDelivery() {}

    MessageDelivery(
            SpoolLedger ledger,
            FinishedDeliveries finished,
            DeliveryRoutes routes,
            DeliveryTransport transport) {
        this(ledger, finished, routes, transport, new DestinationSlots(Integer.MAX_VALUE));
    }

    MessageDelivery(
            SpoolLedger ledger,
            FinishedDeliveries finished,
            DeliveryRoutes routes,
            DeliveryTransport transport,
            DestinationSlots slots) {
        this.ledger = ledger;
        this.finished = finished;
        this.routes = routes;
        this.transport = transport;
        this.slots = slots;
    }

    /**
     * Ends delivery sessions that waited too long for another message (the queue scan calls it).
     */
    void closeIdleConnections() {
        transport.closeIdleConnections();
    }

    /** Claims a spooled message and delivers it, unless another node has it or it is finished. */
    void deliver(long spoolId) {
        ledger.claim(spoolId).ifPresent(this::deliverClaimed);
    }

    /** Delivers a message this node holds the lease on, and records the outcome. */
    void deliverClaimed(PendingDelivery d) {
        List<RecipientResult> results;
        String remote;
        // Destinations reached by MX share a per-domain concurrency bound; a hosted domain's
        // routes are the customer's own servers, sized for the whole domain's mail.
        boolean bounded = false;
        try {
            List<RelayHost> destinations = routes.resolve(d.targetDomain());
            bounded = routes.viaMx(d.targetDomain());
            if (bounded && !slots.acquire(d.targetDomain())) {
                bounded = false;
                results =
                        all(
                                d,
                                DeliveryStatus.TEMPORARY,
                                "too many concurrent deliveries to "
                                        + d.targetDomain()
                                        + " (FILTERMX_DESTINATION_CONCURRENCY)");
                remote = null;
            } else {
                Attempts attempts = attempt(d, destinations);
                results = attempts.results();
                remote = attempts.lastRemote();
            }
        } catch (DeliveryRoutes.Unroutable e) {
            results = all(d, DeliveryStatus.PERMANENT, e.getMessage());
            remote = null;
        } catch (DeliveryRoutes.Deferred e) {
            results = all(d, DeliveryStatus.TEMPORARY, e.getMessage());
            remote = null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery of " + d.queueId() + " failed locally", e);
            results = all(d, DeliveryStatus.TEMPORARY, "local problem: " + e.getMessage());
            remote = null;
        } finally {
            if (bounded) {
                slots.release(d.targetDomain());
            }
        }
        counts.settled(results);
        if (learned != null) {
            learned.delivered(
                    d.targetDomain(),
                    results.stream()
                            .filter(r -> r.status() == DeliveryStatus.DELIVERED)
                            .map(RecipientResult::recipient)
                            .toList());
        }
        if (SpoolLedger.deliveredToEach(d, results)) {
            finished.record(new SpoolLedger.Delivered(d, results, remote));
        } else {
            DeliveryDispositions.attempted(d, results, remote, ledger.settle(d, results, remote));
        }
    }

    private record Attempts(List<RecipientResult> results, String lastRemote) {}

    private Attempts attempt(PendingDelivery d, List<RelayHost> destinations) {
        Map<String, RecipientResult> decided = new LinkedHashMap<>();
        List<String> remaining = new ArrayList<>(d.recipients());
        String lastRemote = null;
        for (RelayHost destination : destinations) {
            long start = System.nanoTime();
            TransportAttempt attempt =
                    transport.deliver(destination, d.sender(), remaining, d.content());
            counts.attempted(destination, System.nanoTime() - start);
            lastRemote = attempt.remote();
            LOG.info(
                    d.queueId()
                            + " to "
                            + lastRemote
                            + ": "
                            + attempt.outcome()
                            + " "
                            + attempt.detail());
            for (RecipientResult r : attempt.recipients()) {
                decided.put(r.recipient(), r);
            }
            remaining =
                    attempt.recipients().stream()
                            .filter(r -> r.status() == DeliveryStatus.TEMPORARY)
                            .map(RecipientResult::recipient)
                            .toList();
            if (remaining.isEmpty()) {
                break;
            }
        }
        if (decided.isEmpty()) {
            return new Attempts(
                    all(d, DeliveryStatus.TEMPORARY, "no destination for " + d.targetDomain()),
                    null);
        }
        return new Attempts(new ArrayList<>(decided.values()), lastRemote);
    }

    private static List<RecipientResult> all(PendingDelivery d, DeliveryStatus status, String why) {
        return d.recipients().stream()
                .map(r -> new RecipientResult(r, status, why, false))
                .toList();
    }
}
