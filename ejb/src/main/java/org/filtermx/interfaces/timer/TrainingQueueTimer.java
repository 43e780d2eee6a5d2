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
import org.filtermx.application.TrainingService;

/**
 * Every {@value #INTERVAL_MILLIS} ms, and once soon after the start, each node's training queue
 * worker is nudged (not persistent: every node works on the shared queue, the row locks keep them
 * apart). The queued calls nudge it themselves; this finds what a crash or a paused worker left.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class TrainingQueueTimer {

    static final long INTERVAL_MILLIS = 30_000;

    private static final Logger LOG = Logger.getLogger(TrainingQueueTimer.class.getName());

    @Resource private TimerService timers;
    @Inject private TrainingService training;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(
                5_000, INTERVAL_MILLIS, new TimerConfig("training-queue", false));
    }

    @Timeout
    void nudge() {
        try {
            training.learnQueued();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "training queue not nudged: " + e.getMessage());
        }
    }
}
