package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.filtermx.application.port.Metrics;
import org.filtermx.application.port.RelayHost;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Counts what delivery attempts achieve, per recipient as an MTA logs them (Postfix writes one
 * {@code status=} line per recipient), and times each attempt by its destination host.
 */
@ApplicationScoped
class DeliveryCounts {

    @Inject private Metrics metrics = Metrics.NONE;

    DeliveryCounts() {}

    DeliveryCounts(Metrics metrics) {
        this.metrics = metrics;
    }

    /** One attempt's recipients: delivered ones and deferred ones (failures count as bounced). */
    void settled(List<RecipientResult> results) {
        int delivered = 0;
        int deferred = 0;
        for (RecipientResult r : results) {
            if (r.status() == DeliveryStatus.DELIVERED) {
                delivered++;
            } else if (r.status() == DeliveryStatus.TEMPORARY) {
                deferred++;
            }
        }
        if (delivered > 0) {
            metrics.recipientsDelivered(delivered);
        }
        if (deferred > 0) {
            metrics.recipientsDeferred(deferred);
        }
    }

    /** One SMTP transaction with {@code destination} took {@code nanos}. */
    void attempted(RelayHost destination, long nanos) {
        metrics.deliveryAttempted(LowerCase.of(destination.host()), nanos);
    }

    /** {@code recipients} failed for good, now: their sender gets a bounce. */
    void bounced(int recipients) {
        metrics.recipientsBounced(recipients);
    }
}
