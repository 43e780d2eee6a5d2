package org.filtermx.interfaces.timer;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.ReportRuns;

/**
 * Starts the daily report run on a persistent calendar timer at {@code FILTERMX_REPORT_HOUR}:{@code
 * FILTERMX_REPORT_MINUTE} UTC (default 01:00, after the UTC day the daily reports cover has ended).
 * The timer lives in WildFly's database timer store (configure-filtermx.cli): with several nodes on
 * one database the timer exists once, and each timeout is claimed by one node only; a node that was
 * down when it was due runs it when it starts (Jakarta Enterprise Beans 4.0 §13.2.7). Whichever
 * node runs it, the reports' sent records make a repeated run send nothing twice.
 *
 * <p>The hour and minute are system properties resolved when the application is deployed (the EE
 * subsystem's annotation property replacement; the launcher passes them, docs/adr/0005).
 */
@Singleton
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReportSchedule {

    static final String TIMER_INFO = "report-run";

    private static final Logger LOG = Logger.getLogger(ReportSchedule.class.getName());

    @Inject private ReportRuns runs;

    @Schedule(
            persistent = true,
            hour = "${FILTERMX_REPORT_HOUR:1}",
            minute = "${FILTERMX_REPORT_MINUTE:0}",
            timezone = "UTC",
            info = TIMER_INFO)
    void run() {
        try {
            runs.runDue(Instant.now());
        } catch (RuntimeException e) {
            // Not rethrown: a rethrow makes the container retry the whole run at once, against the
            // same fault. A run started through the API sends what is still due.
            LOG.log(Level.WARNING, "report run failed: " + e.getMessage(), e);
        }
    }
}
