package org.filtermx.infrastructure.reports;

import java.util.Locale;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportContent.Kind;
import org.filtermx.application.ReportContent.SenderCount;
import org.filtermx.application.ReportContent.Totals;
import org.filtermx.application.ReportFormat;

/**
 * The plain-text alternative of a report mail: the same information as the HTML part, with each
 * held message's release link written out in full.
 */
final class TextReport {

    private TextReport() {}

    /** The text of {@code content}, which {@link BoundedContent#of} has already capped. */
    static String of(ReportContent content) {
        StringBuilder out = new StringBuilder(4096);
        out.append(ReportWording.title(content.kind()))
                .append(" for ")
                .append(content.subject())
                .append('\n')
                .append(ReportWording.period(content))
                .append(" (UTC)\n\n")
                .append(ReportWording.intro(content))
                .append("\n\n");
        Totals totals = content.totals();
        total(out, ReportWording.RECEIVED, totals.received());
        total(out, ReportWording.DELIVERED, totals.delivered());
        total(out, ReportWording.SPAM, totals.spam());
        total(out, ReportWording.VIRUSES, totals.viruses());
        total(out, ReportWording.REFUSED, totals.refused());
        if (content.kind() == Kind.DOMAIN && !content.topSenders().isEmpty()) {
            heading(out, ReportWording.TOP_SENDERS_TITLE);
            for (SenderCount sender : content.topSenders()) {
                out.append("  ")
                        .append(ReportWording.count(sender.messages()))
                        .append("  ")
                        .append(ReportWording.sender(sender.sender()))
                        .append('\n');
            }
        }
        heading(out, ReportWording.HELD_TITLE);
        if (content.held().isEmpty() && content.heldOmitted() == 0) {
            out.append(ReportWording.NOTHING_HELD).append('\n');
        }
        for (HeldLine line : content.held()) {
            out.append("* ")
                    .append(ReportWording.subject(line.subjectLine()))
                    .append("\n  ")
                    .append(ReportWording.SENDER)
                    .append(": ")
                    .append(ReportWording.sender(line.sender()))
                    .append("\n  ")
                    .append(ReportWording.heldDetails(line))
                    .append('\n');
            if (line.releaseLink() != null) {
                out.append("  ")
                        .append(ReportWording.RELEASE)
                        .append(": ")
                        .append(line.releaseLink())
                        .append('\n');
            }
            out.append('\n');
        }
        if (content.heldOmitted() > 0) {
            out.append(ReportWording.omitted(content.heldOmitted())).append('\n');
        }
        if (content.format() == ReportFormat.PDF) {
            out.append('\n').append(ReportWording.pdfAttached(content)).append('\n');
        }
        if (content.loginLink() != null) {
            out.append('\n')
                    .append(ReportWording.loginLine())
                    .append('\n')
                    .append(content.loginLink())
                    .append('\n');
        }
        if (content.consoleUrl() != null) {
            out.append('\n')
                    .append(
                            ReportWording.consoleLine(
                                    content.kind(), content.brand().productName()))
                    .append('\n')
                    .append(content.consoleUrl())
                    .append('\n');
        }
        out.append("\n-- \n").append(ReportWording.footer(content)).append('\n');
        String support = ReportWording.support(content.brand());
        if (support != null) {
            out.append(support).append('\n');
        }
        return out.toString();
    }

    private static void total(StringBuilder out, String label, long value) {
        out.append(
                String.format(Locale.ROOT, "%-14s %s\n", label + ":", ReportWording.count(value)));
    }

    private static void heading(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n').append("-".repeat(title.length())).append('\n');
    }
}
