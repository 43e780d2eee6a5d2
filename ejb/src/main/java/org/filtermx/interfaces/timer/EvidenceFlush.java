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
import org.filtermx.application.internal.discovery.EvidenceRecorder;

/**
 * Writes this node's recipient discovery notes every {@value #INTERVAL_MILLIS} ms (not persistent:
 * each node drains its own queue), in batches off the mail path (ADR 0047).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class EvidenceFlush {

    static final long INTERVAL_MILLIS = 10_000;

    private static final Logger LOG = Logger.getLogger(EvidenceFlush.class.getName());

    @Resource private TimerService timers;
    @Inject private EvidenceRecorder recorder;

    /** Whether the last drain failed, so that an outage is logged once. */
    private boolean failing;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(
                INTERVAL_MILLIS, INTERVAL_MILLIS, new TimerConfig("recipient-evidence", false));
    }

    @Timeout
    void flush() {
        try {
            // A full batch means more is waiting: drain until the queue is short.
            while (recorder.flush() >= EvidenceRecorder.BATCH) {
                failing = false;
            }
            failing = false;
        } catch (RuntimeException e) {
            LOG.log(
                    failing ? Level.FINE : Level.WARNING,
                    "recipient evidence not written: " + e.getMessage());
            failing = true;
        }
    }
}
