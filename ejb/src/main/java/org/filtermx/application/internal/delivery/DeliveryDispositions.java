package org.filtermx.application.internal.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.filtermx.application.internal.logging.Disposition;
import org.filtermx.application.internal.logging.DispositionLine;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * Writes the disposition lines of a delivery attempt once its outcome is committed: one per
 * recipient, {@code sent}, {@code bounced}, {@code deferred} (each attempt) or {@code expired} (a
 * deferral on which the queue lifetime ran out).
 */
final class DeliveryDispositions {

    private DeliveryDispositions() {}

    static void attempted(
            PendingDelivery d, List<RecipientResult> results, String remote, Set<String> expired) {
        Duration delay = Duration.between(d.received(), Instant.now());
        for (RecipientResult r : results) {
            Disposition status =
                    switch (r.status()) {
                        case DELIVERED -> Disposition.SENT;
                        case PERMANENT -> Disposition.BOUNCED;
                        case TEMPORARY ->
                                expired.contains(r.recipient())
                                        ? Disposition.EXPIRED
                                        : Disposition.DEFERRED;
                    };
            new DispositionLine(
                            d.queueId(),
                            d.sender(),
                            r.recipient(),
                            d.targetDomain(),
                            status,
                            remote,
                            r.reply(),
                            delay)
                    .log();
        }
    }

    static void delivered(Collection<SpoolLedger.Delivered> finished) {
        for (SpoolLedger.Delivered f : finished) {
            attempted(f.message(), f.results(), f.remote(), Set.of());
        }
    }
}
