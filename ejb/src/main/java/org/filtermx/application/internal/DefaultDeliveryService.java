package org.filtermx.application.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.DeliveryService;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * Runs deliveries on a bounded managed executor, off the SMTP and timer threads. A message the
 * executor cannot take now stays due in the spool and the next queue scan picks it up, so
 * nothing depends on the in-memory hand-off.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ManagedExecutorDefinition(name = "java:app/concurrent/DeliveryExecutor", maxAsync = 20)
public class DefaultDeliveryService implements DeliveryService {

    private static final Logger LOG = Logger.getLogger(DefaultDeliveryService.class.getName());
    private static final int SCAN_BATCH = 200;

    @Resource(lookup = "java:app/concurrent/DeliveryExecutor")
    private ManagedExecutorService executor;

    @Inject private MessageDelivery delivery;
    @Inject private SpoolLedger ledger;
    @Inject private GatewaySettings settings;

    @Override
    public void dispatch(Collection<Long> spoolIds) {
        for (Long id : spoolIds) {
            try {
                executor.execute(() -> deliverQuietly(id));
            } catch (RejectedExecutionException e) {
                LOG.fine("delivery executor busy; message " + id + " waits for the next scan");
                return;
            }
        }
    }

    @Override
    public int dispatchDue() {
        List<Long> due = ledger.findDue(SCAN_BATCH);
        dispatch(due);
        return due.size();
    }

    @Override
    public void recoverLeases() {
        int released = ledger.releaseLeasesOf(settings.nodeName());
        if (released > 0) {
            LOG.info("Released " + released + " delivery lease(s) held before restart");
        }
    }

    private void deliverQuietly(long id) {
        try {
            delivery.deliver(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery of spooled message " + id + " failed; it stays queued", e);
        }
    }
}
