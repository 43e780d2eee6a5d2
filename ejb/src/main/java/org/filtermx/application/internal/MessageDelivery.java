package org.filtermx.application.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.smtp.DeliveryAttempt;
import org.filtermx.infrastructure.smtp.DeliveryStatus;
import org.filtermx.infrastructure.smtp.Destination;
import org.filtermx.infrastructure.smtp.MessageSource;
import org.filtermx.infrastructure.smtp.RecipientResult;
import org.filtermx.infrastructure.smtp.SmtpClientSettings;
import org.filtermx.infrastructure.smtp.SmtpDeliveryClient;

/**
 * One delivery attempt of one spooled message: claim it, try its destinations in order until
 * every recipient has a final answer or the destinations run out, then record the outcome.
 * Recipients that only got temporary answers move on to the next destination, as an MTA moves
 * down its MX list.
 */
@ApplicationScoped
class MessageDelivery {

    private static final Logger LOG = Logger.getLogger(MessageDelivery.class.getName());

    @Inject private SpoolLedger ledger;
    @Inject private FinishedDeliveries finished;
    @Inject private DeliveryRoutes routes;
    @Inject private GatewaySettings settings;
    private SmtpDeliveryClient client;
    private String heloName;

    @PostConstruct
    void init() {
        client = SmtpDeliveryClient.withConnectionCache(SmtpClientSettings.defaults());
        heloName = settings.hostname();
    }

    @PreDestroy
    void stop() {
        client.closeAllIdleConnections();
    }

    /** Ends delivery sessions that waited too long for another message (the queue scan calls it). */
    void closeIdleConnections() {
        client.closeIdleConnections();
    }

    /** Claims a spooled message and delivers it, unless another node has it or it is finished. */
    void deliver(long spoolId) {
        ledger.claim(spoolId).ifPresent(this::deliverClaimed);
    }

    /** Delivers a message this node holds the lease on, and records the outcome. */
    void deliverClaimed(PendingDelivery d) {
        List<RecipientResult> results;
        String remote;
        try {
            List<Destination> destinations = routes.resolve(d.targetDomain());
            Attempts attempts = attempt(d, destinations);
            results = attempts.results();
            remote = attempts.lastRemote();
        } catch (DeliveryRoutes.Unroutable e) {
            results = all(d, DeliveryStatus.PERMANENT, e.getMessage());
            remote = null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery of " + d.queueId() + " failed locally", e);
            results = all(d, DeliveryStatus.TEMPORARY, "local problem: " + e.getMessage());
            remote = null;
        }
        if (SpoolLedger.deliveredToEach(d, results)) {
            finished.record(new SpoolLedger.Delivered(d, results, remote));
        } else {
            ledger.settle(d, results, remote);
        }
    }

    private record Attempts(List<RecipientResult> results, String lastRemote) {}

    private Attempts attempt(PendingDelivery d, List<Destination> destinations) {
        Map<String, RecipientResult> decided = new LinkedHashMap<>();
        List<String> remaining = new ArrayList<>(d.recipients());
        String lastRemote = null;
        for (Destination destination : destinations) {
            DeliveryAttempt attempt =
                    client.deliver(
                            destination,
                            heloName,
                            d.sender(),
                            remaining,
                            MessageSource.concat(d.content().head(), MessageSource.ofBytes(d.content().body())));
            lastRemote = destination.hostAndPort();
            LOG.info(d.queueId() + " to " + lastRemote + ": " + attempt.outcome() + " " + attempt.detail());
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
            return new Attempts(all(d, DeliveryStatus.TEMPORARY, "no destination for " + d.targetDomain()), null);
        }
        return new Attempts(new ArrayList<>(decided.values()), lastRemote);
    }

    private static List<RecipientResult> all(PendingDelivery d, DeliveryStatus status, String why) {
        return d.recipients().stream()
                .map(r -> new RecipientResult(r, status, why, false))
                .toList();
    }
}
