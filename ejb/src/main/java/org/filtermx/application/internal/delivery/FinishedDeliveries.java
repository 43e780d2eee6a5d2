package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.internal.operations.RolledBack;

/**
 * Records delivered messages several at a time, in the manner of a group commit: a worker that
 * finished a delivery queues the outcome; if no other worker is recording, it records everything
 * queued in one transaction (and again while more arrived meanwhile), else it leaves its outcome to
 * the one that is. Under load one commit then records many messages; when idle each is recorded at
 * once, by its own worker.
 *
 * <p>A crash before the commit leaves those messages leased and undelivered in the spool, and they
 * are delivered again after the restart: the same second copy RFC 5321 section 6.1 allows for a
 * crash between the destination's reply and the commit, with the window a few milliseconds wider. A
 * batch that fails is recorded message by message, so one bad row cannot hold back the rest; a
 * message whose record the database rolled back (a deadlock, a Galera certification failure) is
 * recorded again at once rather than left leased until its lease expires.
 */
@ApplicationScoped
class FinishedDeliveries {

    private static final Logger LOG = Logger.getLogger(FinishedDeliveries.class.getName());
    static final int MAX_BATCH = 100;

    @Inject private SpoolLedger ledger;

    private final ConcurrentLinkedQueue<SpoolLedger.Delivered> queued =
            new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recording = new AtomicBoolean();

    void record(SpoolLedger.Delivered delivered) {
        queued.add(delivered);
        // Whoever finds nobody recording records all that is queued; the check after letting go
        // catches an outcome queued just as the recorder was finishing.
        while (!queued.isEmpty() && recording.compareAndSet(false, true)) {
            try {
                drain();
            } finally {
                recording.set(false);
            }
        }
    }

    private void drain() {
        List<SpoolLedger.Delivered> batch = new ArrayList<>();
        SpoolLedger.Delivered next;
        while (true) {
            batch.clear();
            while (batch.size() < MAX_BATCH && (next = queued.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                ledger.finishDelivered(List.copyOf(batch));
                DeliveryDispositions.delivered(batch);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "recording "
                                + batch.size()
                                + " delivered message(s) together failed;"
                                + " recording them one by one",
                        e);
                batch.forEach(this::recordAlone);
            }
        }
    }

    private void recordAlone(SpoolLedger.Delivered d) {
        try {
            RolledBack.retried(
                    "recording the delivery of " + d.message().queueId(),
                    () -> {
                        ledger.finishDelivered(List.of(d));
                        return null;
                    });
            DeliveryDispositions.delivered(List.of(d));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "cannot record the delivery of "
                            + d.message().queueId()
                            + "; it stays leased in the spool and is delivered again when the lease is given back",
                    e);
        }
    }
}
