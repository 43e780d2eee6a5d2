package org.filtermx.application;

import java.time.Instant;
import java.util.Set;
import org.filtermx.application.ReportService.RunResult;

/**
 * The runs over all reports due: the daily one that the persistent timer starts, and one that an
 * administrator starts now (after an outage, or to test delivery). Both only call {@link
 * ReportService#sendDue}, whose sent records make a second or overlapping run send nothing twice.
 */
public interface ReportRuns {

    /** Sends the reports due at {@code now}, in the caller's thread, and logs what it did. */
    RunResult runDue(Instant now);

    /**
     * Starts a run of the reports due now in the background and returns at once; administrators
     * only. Answers {@code false}, starting nothing, while a run started this way still works on
     * this node, so that repeated requests do not pile up runs.
     */
    boolean startNow(Caller caller);

    /**
     * Finishes the run that nodes which left the cluster were making: frees the persistent timers
     * they had claimed and, if the daily report run was among them, runs the reports due now in the
     * caller's thread. Answers whether it ran. Every surviving node may call it; the sent records
     * let only one of them send each report.
     */
    boolean takeOverFrom(Set<String> nodes);
}
