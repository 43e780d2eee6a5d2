package org.filtermx.application.internal.breaker;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;
import org.filtermx.application.port.WebhookStore.Due;
import org.filtermx.application.port.WebhookTransport;
import org.filtermx.application.port.WebhookTransport.Outcome;
import org.filtermx.domain.model.webhook.WebhookSignature;

/**
 * Delivers the outbox's due events: each claimed row is signed with its webhook's secret at the
 * moment of sending (so the timestamp is fresh on every retry) and posted outside any transaction;
 * its outcome is recorded at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatch {

    private static final Logger LOG = Logger.getLogger(WebhookDispatch.class.getName());

    @Inject private WebhookOutbox outbox;
    @Inject private WebhookTransport transport;

    /** Attempts what is due now; returns how many were accepted. */
    public int deliverDue() {
        int accepted = 0;
        for (Due due : outbox.claim(Instant.now())) {
            long now = Instant.now().getEpochSecond();
            Outcome outcome =
                    transport.post(
                            due.url(),
                            due.payload(),
                            WebhookSignature.header(due.secret(), now, due.payload()),
                            due.event(),
                            Long.toString(due.id()));
            outbox.record(due, outcome, Instant.now());
            if (outcome.accepted()) {
                accepted++;
            } else {
                LOG.info(
                        "webhook "
                                + due.webhookId()
                                + " delivery "
                                + due.id()
                                + " ("
                                + due.event()
                                + ") failed: "
                                + outcome.error());
            }
        }
        return accepted;
    }
}
