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
import org.filtermx.application.QueueMonitor;

/**
 * Refreshes the queue gauges every {@value #INTERVAL_MILLIS} ms on every node (not persistent: each
 * node serves its own {@code /metrics}). Counting on a timer instead of at each scrape bounds the
 * database work whoever scrapes and however often.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class QueueGauges {

    static final long INTERVAL_MILLIS = 5000;

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());

    @Resource private TimerService timers;
    @Inject private QueueMonitor monitor;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(0, INTERVAL_MILLIS, new TimerConfig("queue-gauges", false));
    }

    /** Whether the last count failed, so that an outage is logged once, not every 5 s. */
    private boolean failing;

    @Timeout
    void count() {
        try {
            monitor.countQueue();
            failing = false;
        } catch (RuntimeException e) {
            LOG.log(failing ? Level.FINE : Level.WARNING, "queue not counted: " + e.getMessage());
            failing = true;
        }
    }
}
