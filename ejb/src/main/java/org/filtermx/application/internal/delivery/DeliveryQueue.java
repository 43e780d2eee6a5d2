package org.filtermx.application.internal.delivery;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands deliveries to the bounded delivery executor, off the SMTP and timer threads. Two kinds of
 * work arrive: a message just received, already leased to this node and still in memory (delivered
 * without reading it back), and a spool id found due by the queue scan (claimed first). When the
 * executor is full, a fresh message's lease is noted here and given back by the next queue scan,
 * which then finds it due; nothing depends on the in-memory hand-off surviving.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());

    @Resource(lookup = "java:app/concurrent/DeliveryExecutor")
    private ManagedExecutorService executor;

    @Inject private MessageDelivery delivery;

    private final Set<Long> leasesToReturn = ConcurrentHashMap.newKeySet();

    /** Delivers messages this node has just spooled, leased and committed. */
    public void deliverFresh(List<PendingDelivery> messages) {
        for (PendingDelivery d : messages) {
            try {
                executor.execute(() -> run(d.queueId(), () -> delivery.deliverClaimed(d)));
            } catch (RejectedExecutionException e) {
                LOG.fine(
                        "delivery executor busy; "
                                + d.queueId()
                                + " waits for the next queue scan");
                leasesToReturn.add(d.spoolId());
            }
        }
    }

    /** Claims and delivers spooled messages; false when the executor took none of the rest. */
    boolean deliverSpooled(Iterable<Long> spoolIds) {
        for (Long id : spoolIds) {
            try {
                executor.execute(() -> run("spooled message " + id, () -> delivery.deliver(id)));
            } catch (RejectedExecutionException e) {
                LOG.fine("delivery executor busy; message " + id + " waits for the next scan");
                return false;
            }
        }
        return true;
    }

    /** The fresh messages the executor could not take, whose leases must be given back. */
    List<Long> takeLeasesToReturn() {
        List<Long> ids = new ArrayList<>(leasesToReturn);
        leasesToReturn.removeAll(ids);
        return ids;
    }

    private static void run(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery of " + what + " failed; it stays queued", e);
        }
    }
}
