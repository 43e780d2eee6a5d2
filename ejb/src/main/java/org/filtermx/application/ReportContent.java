package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * What one protection report says, gathered from the log and the quarantine for one email user or
 * one domain over one period, ready for a {@link org.filtermx.application.port.ReportRenderer}. All
 * text is as the mail carried it (decoded, not escaped): escaping is the renderer's business.
 *
 * @param kind a user's report or a domain's
 * @param subject the email user's address, or the domain name
 * @param domain the hosted domain the report belongs to
 * @param recipient where the report is sent
 * @param format HTML mail, or HTML mail with the PDF attached
 * @param periodStart first instant covered (inclusive)
 * @param periodEnd last instant covered (exclusive)
 * @param totals the counts of the period
 * @param held the quarantined messages, newest first, each with its signed release link
 * @param heldOmitted held messages of the period beyond those listed (the list is capped)
 * @param refused messages refused but not kept (listed in the PDF only, for auditing)
 * @param topSenders for a domain report, the senders of most held messages; empty for a user
 * @param consoleUrl where the recipient logs in to the console
 * @param loginLink a signed single-use link through which the user sets a password; null when the
 *     user has one already, or for a domain report
 * @param brand the brand of the domain's reseller, in which the report is shown (never null)
 */
public record ReportContent(
        Kind kind,
        String subject,
        String domain,
        String recipient,
        ReportFormat format,
        Instant periodStart,
        Instant periodEnd,
        Totals totals,
        List<HeldLine> held,
        int heldOmitted,
        List<RefusedLine> refused,
        List<SenderCount> topSenders,
        String consoleUrl,
        String loginLink,
        Brand brand) {

    public ReportContent {
        brand = brand == null ? Brand.CLUSTER : brand;
    }

    /** Content in the cluster's brand. */
    public ReportContent(
            Kind kind,
            String subject,
            String domain,
            String recipient,
            ReportFormat format,
            Instant periodStart,
            Instant periodEnd,
            Totals totals,
            List<HeldLine> held,
            int heldOmitted,
            List<RefusedLine> refused,
            List<SenderCount> topSenders,
            String consoleUrl,
            String loginLink) {
        this(
                kind,
                subject,
                domain,
                recipient,
                format,
                periodStart,
                periodEnd,
                totals,
                held,
                heldOmitted,
                refused,
                topSenders,
                consoleUrl,
                loginLink,
                Brand.CLUSTER);
    }

    /** This content in {@code b}'s brand. */
    public ReportContent withBrand(Brand b) {
        return new ReportContent(
                kind,
                subject,
                domain,
                recipient,
                format,
                periodStart,
                periodEnd,
                totals,
                held,
                heldOmitted,
                refused,
                topSenders,
                consoleUrl,
                loginLink,
                b);
    }

    /** This content with {@code link} as the login link. */
    public ReportContent withLoginLink(String link) {
        return new ReportContent(
                kind,
                subject,
                domain,
                recipient,
                format,
                periodStart,
                periodEnd,
                totals,
                held,
                heldOmitted,
                refused,
                topSenders,
                consoleUrl,
                link,
                brand);
    }

    /** Whose report this is. */
    public enum Kind {
        USER,
        DOMAIN
    }

    /**
     * The period's counts: every message received for the subject, those delivered, held as spam,
     * held as viruses, and refused without being kept.
     */
    public record Totals(long received, long delivered, long spam, long viruses, long refused) {}

    /**
     * One held message: when it arrived, its sender, subject, why it was held ({@code reason}, in
     * words), its score, and the signed link that releases it.
     */
    public record HeldLine(
            Instant receivedAt,
            String sender,
            String subjectLine,
            String reason,
            double score,
            String releaseLink) {}

    /** One message refused and not kept: when, from whom, its subject, and why. */
    public record RefusedLine(
            Instant receivedAt, String sender, String subjectLine, String reason) {}

    /** A sender and how many of its messages were held in the period. */
    public record SenderCount(String sender, long messages) {}
}
