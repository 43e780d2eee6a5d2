package org.filtermx.application.internal.reports;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.ReportRuns;
import org.filtermx.application.ReportService;
import org.filtermx.application.ReportService.RunResult;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.Metrics;

/**
 * Runs {@link ReportService#sendDue} outside any transaction (it opens one per report) and logs the
 * outcome. A run on request goes to the server's managed executor, at most one at a time per node;
 * the timer's run is never skipped for it, because a run started before midnight covers the day
 * before that one.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultReportRuns implements ReportRuns {

    private static final Logger LOG = Logger.getLogger(DefaultReportRuns.class.getName());

    @Inject private ReportService reports;
    @Inject private Metrics metrics = Metrics.NONE;
    @Inject private InterruptedTimers timers;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private Executor executor;

    private Clock clock = Clock.systemUTC();

    private final AtomicBoolean requested = new AtomicBoolean();

    public DefaultReportRuns() {}

    DefaultReportRuns(ReportService reports, Executor executor) {
        this(reports, executor, null, Clock.systemUTC());
    }

    DefaultReportRuns(
            ReportService reports, Executor executor, InterruptedTimers timers, Clock clock) {
        this.reports = reports;
        this.executor = executor;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public RunResult runDue(Instant now) {
        long start = System.nanoTime();
        LOG.info("report run for " + now + " started");
        RunResult result = reports.sendDue(now);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.reportRunFinished(result.sent(), result.failed());
        LOG.info(
                "report run for "
                        + now
                        + " done in "
                        + took.toSeconds()
                        + " s: "
                        + result.sent()
                        + " sent, "
                        + result.skipped()
                        + " sent before, "
                        + result.failed()
                        + " failed");
        return result;
    }

    @Override
    public boolean startNow(Caller caller) {
        Tenancy.requireAdmin(caller, "start a report run");
        if (!requested.compareAndSet(false, true)) {
            return false;
        }
        Instant now = Instant.now();
        LOG.info("report run requested by " + caller.username());
        try {
            executor.execute(
                    () -> {
                        try {
                            runDue(now);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "report run for " + now + " failed", e);
                        } finally {
                            requested.set(false);
                        }
                    });
        } catch (RuntimeException e) {
            requested.set(false);
            throw e;
        }
        return true;
    }

    @Override
    public boolean takeOverFrom(Set<String> nodes) {
        List<String> released = timers.releaseRunsOf(nodes);
        if (released.isEmpty()) {
            return false;
        }
        LOG.info("released the timers " + released + " that the nodes " + nodes + " were running");
        // The timed object id ends with the bean's name (application.module.bean).
        if (released.stream().noneMatch(id -> id.endsWith(".ReportSchedule"))) {
            return false;
        }
        // The run those nodes were making, finished here: what they sent has its sent records.
        RunResult result = runDue(clock.instant());
        LOG.info(result.sent() + " report(s) sent after nodes " + nodes + " left");
        return true;
    }
}
