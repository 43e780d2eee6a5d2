package org.filtermx.application.internal.delivery;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import org.filtermx.application.DeliveryService;
import org.filtermx.application.port.InstallationSettings;

/**
 * Runs deliveries on a bounded managed executor, off the SMTP and timer threads (see {@link
 * DeliveryQueue}). A message the executor cannot take now stays due in the spool and the next queue
 * scan picks it up, so nothing depends on the in-memory hand-off.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ManagedExecutorDefinition(name = "java:app/concurrent/DeliveryExecutor", maxAsync = 20)
public class DefaultDeliveryService implements DeliveryService {

    private static final Logger LOG = Logger.getLogger(DefaultDeliveryService.class.getName());
    private static final int SCAN_BATCH = 200;

    @Inject private DeliveryQueue queue;
    @Inject private MessageDelivery delivery;
    @Inject private SpoolLedger ledger;
    @Inject private InstallationSettings settings;

    @Override
    public void dispatch(Collection<Long> spoolIds) {
        queue.deliverSpooled(spoolIds);
    }

    @Override
    public void closeIdleConnections() {
        delivery.closeIdleConnections();
    }

    @Override
    public void returnUntakenLeases() {
        List<Long> untaken = queue.takeLeasesToReturn();
        if (!untaken.isEmpty()) {
            ledger.releaseLeases(untaken);
        }
    }

    @Override
    public int dispatchDue() {
        List<Long> due = ledger.findDue(SCAN_BATCH);
        queue.deliverSpooled(due);
        return due.size();
    }

    @Override
    public void recoverLeases() {
        int released = ledger.releaseLeasesOf(settings.nodeName());
        if (released > 0) {
            LOG.info("Released " + released + " delivery lease(s) held before restart");
        }
    }

    @Override
    public int takeOverFrom(Collection<String> departedNodes) {
        int released = 0;
        for (String node : departedNodes) {
            if (!node.equals(settings.nodeName())) {
                int freed = ledger.releaseLeasesOf(node);
                if (freed > 0) {
                    LOG.info(
                            "Released "
                                    + freed
                                    + " delivery lease(s) of node "
                                    + node
                                    + ", which left the cluster");
                }
                released += freed;
            }
        }
        dispatchDue();
        return released;
    }
}
