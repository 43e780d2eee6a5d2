package org.filtermx.application.internal.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import org.filtermx.application.DeliveryService;
import org.filtermx.application.internal.delivery.DeliveryQueue;
import org.filtermx.application.internal.delivery.PendingDelivery;

/**
 * Work that must wait until the current transaction has committed: delivery of freshly spooled
 * messages (never earlier, the row would not be visible to the worker; never after a rollback), and
 * the refresh of per-node configuration caches.
 */
@ApplicationScoped
public class AfterCommit {

    @Resource private TransactionSynchronizationRegistry transaction;
    @Inject private DeliveryService delivery;
    @Inject private DeliveryQueue queue;

    /** Delivers messages spooled (and leased to this node) in the current transaction. */
    public void deliver(List<PendingDelivery> messages) {
        if (messages.isEmpty()) {
            return;
        }
        afterCommit(() -> queue.deliverFresh(messages));
    }

    /** Claims and delivers messages spooled in the current transaction. */
    public void dispatch(List<Long> spoolIds) {
        if (spoolIds.isEmpty()) {
            return;
        }
        afterCommit(() -> delivery.dispatch(spoolIds));
    }

    /**
     * Runs {@code action} once the current transaction has committed, or at once outside a
     * transaction. Per-node caches of shared configuration forget their snapshot this way:
     * forgotten before the commit, a concurrent reader would reload the old rows and keep them
     * until the next revision check.
     */
    public void whenCommitted(Runnable action) {
        if (transaction.getTransactionKey() == null) {
            action.run();
            return;
        }
        afterCommit(action);
    }

    private void afterCommit(Runnable action) {
        transaction.registerInterposedSynchronization(
                new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        if (status == Status.STATUS_COMMITTED) {
                            action.run();
                        }
                    }
                });
    }
}
