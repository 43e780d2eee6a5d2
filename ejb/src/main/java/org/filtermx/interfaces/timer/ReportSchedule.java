package org.filtermx.interfaces.timer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.ReportRuns;

/**
 * Starts the daily report run on a persistent calendar timer at {@code FILTERMX_REPORT_HOUR}:{@code
 * FILTERMX_REPORT_MINUTE} UTC (default 01:00, after the UTC day the daily reports cover has ended),
 * and once more {@value #CATCH_UP_DELAY_MILLIS} ms after each start of the application, so that a
 * run that died with its node (or was due while every node was down) finishes when a node is back.
 *
 * <p>The daily timer lives in WildFly's database timer store (configure-filtermx.cli): with several
 * nodes on one database it exists once, and each timeout is claimed by one node only. The run at
 * start is a non-persistent timer of each node. Whichever node runs, and however often, the
 * reports' sent records make a repeated run send nothing twice; a repeated run costs one refused
 * insert per report already sent. The hour and minute are system properties resolved when the
 * application is deployed (the EE subsystem's annotation property replacement; the launcher passes
 * them, docs/adr/0005).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
// The daily run and the one at start may overlap; the sent records make that safe, so neither
// waits for the other's lock.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReportSchedule {

    static final String TIMER_INFO = "report-run";
    static final String CATCH_UP_INFO = "report-run-at-start";
    static final long CATCH_UP_DELAY_MILLIS = 20_000;

    private static final Logger LOG = Logger.getLogger(ReportSchedule.class.getName());

    @Resource private TimerService timers;
    @Inject private ReportRuns runs;

    /** After the deployment has settled, not during it: the run needs the whole application. */
    @PostConstruct
    void scheduleCatchUp() {
        timers.createSingleActionTimer(
                CATCH_UP_DELAY_MILLIS, new TimerConfig(CATCH_UP_INFO, false));
    }

    @Schedule(
            persistent = true,
            hour = "${FILTERMX_REPORT_HOUR:1}",
            minute = "${FILTERMX_REPORT_MINUTE:0}",
            timezone = "UTC",
            info = TIMER_INFO)
    void run() {
        runDue("daily");
    }

    @Timeout
    void catchUp() {
        runDue("at start");
    }

    private void runDue(String which) {
        try {
            runs.runDue(Instant.now());
        } catch (RuntimeException e) {
            // Not rethrown: a rethrow makes the container retry the whole run at once, against
            // the same fault. A run started through the API, or the next start, sends what is due.
            LOG.log(Level.WARNING, "report run (" + which + ") failed: " + e.getMessage(), e);
        }
    }
}
