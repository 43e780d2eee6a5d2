package org.filtermx.application;

import java.time.Instant;
import org.filtermx.application.port.ReportRenderer.RenderedReport;

/**
 * Protection reports: the periodic runs over all email users and domains, and single reports sent
 * or previewed on request. A report is sent at most once per subject and period: the sent record is
 * written in the transaction that hands the report to the spool.
 */
public interface ReportService {

    /**
     * What one request did: the report's subject (address or domain), where it went, the period it
     * covered, and whether it was sent ({@code false}: that period's report had been sent already).
     */
    record SentReport(
            String subject,
            String recipient,
            Instant periodStart,
            Instant periodEnd,
            boolean sent) {}

    /** What one scheduled run did: reports sent, subjects skipped (sent before), failures. */
    record RunResult(int sent, int skipped, int failed) {}

    /**
     * Sends {@code address}'s report now, covering the time since its last report (at most the
     * retention of the quarantine). An email user may ask for its own only.
     */
    SentReport sendUserReport(Caller caller, String address);

    /** Sends domain {@code name}'s report now to its report address, since its last report. */
    SentReport sendDomainReport(Caller caller, String name);

    /** The report {@code address} would receive now, rendered in {@code format}, not sent. */
    RenderedReport previewUserReport(Caller caller, String address, ReportFormat format);

    /** The report domain {@code name} would receive now, rendered in {@code format}, not sent. */
    RenderedReport previewDomainReport(Caller caller, String name, ReportFormat format);

    /**
     * Sends every report due at {@code now}: daily reports for the UTC day before, and on Mondays
     * weekly reports for the week before, to users and domains whose settings ask for them. Streams
     * through the subjects in pages, one transaction per report; a report already sent for its
     * period is skipped, so a run that died half-way and runs again (or two racing runs) send each
     * report once.
     */
    RunResult sendDue(Instant now);
}
