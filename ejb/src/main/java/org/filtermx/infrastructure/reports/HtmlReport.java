package org.filtermx.infrastructure.reports;

import static org.filtermx.infrastructure.reports.Html.BORDER;
import static org.filtermx.infrastructure.reports.Html.MUTED;
import static org.filtermx.infrastructure.reports.Html.escape;

import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportContent.Kind;
import org.filtermx.application.ReportContent.SenderCount;
import org.filtermx.application.ReportContent.Totals;
import org.filtermx.application.ReportFormat;

/**
 * The HTML part of a report mail: title, totals, the held messages each with its release link, the
 * top senders of a domain, and the links to the console. The refused messages are left to the PDF,
 * which is for auditing.
 */
final class HtmlReport {

    private HtmlReport() {}

    /** The HTML of {@code content}, which {@link BoundedContent#of} has already capped. */
    static String of(ReportContent content) {
        Html html = new Html(ReportWording.subjectLine(content));
        String accent = content.brand().accentOr(Html.LINK_COLOR);
        html.brandHeader(content.brand());
        html.row(
                "<div style=\"font-size:20px;line-height:28px;font-weight:bold;\">"
                        + escape(ReportWording.title(content.kind()))
                        + "</div><div style=\"font-size:16px;line-height:24px;font-weight:bold;"
                        + "word-break:break-all;\">"
                        + escape(content.subject())
                        + "</div><div style=\""
                        + MUTED
                        + "\">"
                        + escape(ReportWording.period(content))
                        + " (UTC)</div>");
        html.row(Html.paragraph(ReportWording.intro(content), ""));
        html.row(totals(content.totals()));
        if (content.kind() == Kind.DOMAIN && !content.topSenders().isEmpty()) {
            html.row(topSenders(content));
        }
        html.row(held(content, accent));
        if (content.format() == ReportFormat.PDF) {
            html.row(Html.paragraph(ReportWording.pdfAttached(content), MUTED));
        }
        if (content.loginLink() != null) {
            html.row(
                    Html.paragraph(ReportWording.loginLine(), "")
                            + Html.button(
                                    content.loginLink(), ReportWording.setPassword(), accent));
        }
        if (content.consoleUrl() != null) {
            html.row(
                    Html.paragraph(
                                    ReportWording.consoleLine(
                                            content.kind(), content.brand().productName()),
                                    "")
                            + Html.link(content.consoleUrl(), content.consoleUrl(), accent));
        }
        html.row(Html.paragraph(ReportWording.footer(content), MUTED + "font-size:12px;"));
        String support = ReportWording.support(content.brand());
        if (support != null) {
            html.row(Html.paragraph(support, MUTED + "font-size:12px;"));
        }
        return html.close();
    }

    private static String totals(Totals totals) {
        StringBuilder out =
                new StringBuilder(
                        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\""
                                + " cellspacing=\"0\" border=\"0\"><tr>");
        cell(out, ReportWording.RECEIVED, totals.received());
        cell(out, ReportWording.DELIVERED, totals.delivered());
        cell(out, ReportWording.SPAM, totals.spam());
        cell(out, ReportWording.VIRUSES, totals.viruses());
        cell(out, ReportWording.REFUSED, totals.refused());
        return out.append("</tr></table>").toString();
    }

    private static void cell(StringBuilder out, String label, long value) {
        out.append("<td width=\"20%\" valign=\"top\" style=\"padding:8px 4px;")
                .append("background-color:#f5f7fa;border:2px solid #ffffff;text-align:center;\">")
                .append("<div style=\"font-size:20px;line-height:26px;font-weight:bold;\">")
                .append(escape(ReportWording.count(value)))
                .append("</div><div style=\"font-size:12px;line-height:16px;")
                .append(MUTED)
                .append("\">")
                .append(escape(label))
                .append("</div></td>");
    }

    private static String topSenders(ReportContent content) {
        StringBuilder out = new StringBuilder(heading(ReportWording.TOP_SENDERS_TITLE));
        out.append(
                "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\""
                        + " border=\"0\">");
        for (SenderCount sender : content.topSenders()) {
            out.append("<tr><td style=\"padding:4px 0;word-break:break-all;")
                    .append(BORDER)
                    .append("\">")
                    .append(escape(ReportWording.sender(sender.sender())))
                    .append("</td><td align=\"right\" style=\"padding:4px 0 4px 8px;")
                    .append(BORDER)
                    .append("\">")
                    .append(escape(ReportWording.count(sender.messages())))
                    .append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    private static String held(ReportContent content, String accent) {
        StringBuilder out = new StringBuilder(heading(ReportWording.HELD_TITLE));
        if (content.held().isEmpty() && content.heldOmitted() == 0) {
            return out.append(Html.paragraph(ReportWording.NOTHING_HELD, "")).toString();
        }
        out.append(
                "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\""
                        + " border=\"0\">");
        for (HeldLine line : content.held()) {
            out.append("<tr><td valign=\"top\" style=\"padding:8px 0;word-break:break-word;")
                    .append(BORDER)
                    .append("\"><div style=\"font-weight:bold;\">")
                    .append(escape(ReportWording.subject(line.subjectLine())))
                    .append("</div><div style=\"font-size:13px;\">")
                    .append(escape(ReportWording.sender(line.sender())))
                    .append("</div><div style=\"font-size:12px;")
                    .append(MUTED)
                    .append("\">")
                    .append(escape(ReportWording.heldDetails(line)))
                    .append("</div></td><td valign=\"middle\" align=\"right\"")
                    .append(" style=\"padding:8px 0 8px 12px;")
                    .append(BORDER)
                    .append("\">")
                    .append(Html.button(line.releaseLink(), ReportWording.RELEASE, accent))
                    .append("</td></tr>");
        }
        out.append("</table>");
        if (content.heldOmitted() > 0) {
            out.append(
                    Html.paragraph(
                            ReportWording.omitted(content.heldOmitted()), "padding-top:8px;"));
        }
        return out.toString();
    }

    private static String heading(String text) {
        return "<div style=\"font-size:16px;line-height:24px;font-weight:bold;margin:0 0 4px 0;\">"
                + escape(text)
                + "</div>";
    }
}
