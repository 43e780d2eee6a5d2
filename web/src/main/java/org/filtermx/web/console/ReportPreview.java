package org.filtermx.web.console;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import org.filtermx.application.ReportService.SentReport;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.primefaces.PrimeFaces;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * A rendered report as the console shows it: the HTML only inside a sandboxed {@code iframe}'s
 * {@code srcdoc} (the page writes it as an escaped attribute value, and the sandbox runs no script
 * and follows no link), the PDF as a download, and the outcome of a "send now" in words.
 */
public class ReportPreview implements Serializable {

    private static final long serialVersionUID = 1L;

    private String title;
    private String subject;
    private String html;

    /**
     * Shows {@code report}'s HTML in the preview dialog; false (with a message) when it has none.
     */
    public boolean show(String of, RenderedReport report) {
        if (report == null) {
            return false;
        }
        if (report.html() == null || report.html().isEmpty()) {
            Feedback.error("The report for " + of + " has no HTML part to show.");
            return false;
        }
        title = "Report preview: " + of;
        subject = report.subject();
        html = report.html();
        // The button's oncomplete opens the dialog (WEB-INF/templates/report-preview.xhtml).
        PrimeFaces.current().ajax().addCallbackParam("preview", true);
        return true;
    }

    /** The PDF of {@code report} as a download, or null (with a message) when there is none. */
    public static StreamedContent pdf(String of, RenderedReport report) {
        if (report == null) {
            return null;
        }
        if (report.pdf() == null || report.pdf().length == 0) {
            Feedback.error("The report for " + of + " has no PDF.");
            return null;
        }
        byte[] bytes = report.pdf();
        String name = report.pdfFileName() == null ? "report.pdf" : report.pdfFileName();
        return DefaultStreamedContent.builder()
                .name(name)
                .contentType("application/pdf")
                .contentLength((long) bytes.length)
                .stream(() -> new ByteArrayInputStream(bytes))
                .build();
    }

    /** Says in words what a "send now" did. */
    public static void sent(SentReport report) {
        if (report == null) {
            return;
        }
        if (report.sent()) {
            Feedback.info(
                    "Report for "
                            + report.subject()
                            + " sent to "
                            + report.recipient()
                            + " (period "
                            + report.periodStart()
                            + " to "
                            + report.periodEnd()
                            + ").");
        } else {
            Feedback.info(
                    "The report for "
                            + report.subject()
                            + " covering this period was already sent to "
                            + report.recipient()
                            + "; nothing was sent again.");
        }
    }

    public String getTitle() {
        return title;
    }

    public String getSubject() {
        return subject;
    }

    public String getHtml() {
        return html;
    }

    /** Whether anything was shown; keeps an empty iframe out of the page. */
    public boolean isShown() {
        return html != null;
    }
}
