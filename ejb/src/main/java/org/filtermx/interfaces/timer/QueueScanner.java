package org.filtermx.interfaces.timer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.DeliveryService;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * Every node scans the shared spool for due messages at a fixed interval; the delivery leases make
 * sure each message is attempted by one node at a time, so this timer is deliberately not
 * persistent (it must run on every node, not once in the cluster). Each scan first closes idle
 * delivery sessions and gives back the leases of fresh messages the executor could not take, so
 * that those are found due in the same scan.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class QueueScanner {

    private static final Logger LOG = Logger.getLogger(QueueScanner.class.getName());

    @Resource private TimerService timers;
    @Inject private DeliveryService delivery;
    @Inject private GatewaySettings settings;

    @PostConstruct
    void start() {
        delivery.recoverLeases();
        long interval = settings.queueScanInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("queue-scan", false));
    }

    @Timeout
    void scan() {
        try {
            delivery.closeIdleConnections();
            delivery.returnUntakenLeases();
            delivery.dispatchDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "queue scan failed: " + e.getMessage());
        }
    }
}
