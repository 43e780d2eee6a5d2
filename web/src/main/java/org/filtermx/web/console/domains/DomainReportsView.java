package org.filtermx.web.console.domains;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.ReportPreview;
import org.primefaces.model.StreamedContent;

/**
 * The report card of {@code domain.xhtml?name=}: send the domain's report to its report address
 * now, or preview it (HTML in a sandboxed frame, or the PDF as a download). The service checks that
 * the caller manages the domain.
 */
@Named
@ViewScoped
public class DomainReportsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient ReportService reports;
    @Inject private transient ConsoleUser user;

    private final ReportPreview preview = new ReportPreview();

    public void sendReport(String domain) {
        ReportPreview.sent(Feedback.attempt(() -> reports.sendDomainReport(user.caller(), domain)));
    }

    public void previewReport(String domain) {
        preview.show(
                domain,
                Feedback.attempt(
                        () ->
                                reports.previewDomainReport(
                                        user.caller(), domain, ReportFormat.HTML)));
    }

    public StreamedContent reportPdf(String domain) {
        return ReportPreview.pdf(
                domain,
                Feedback.attempt(
                        () ->
                                reports.previewDomainReport(
                                        user.caller(), domain, ReportFormat.PDF)));
    }

    public ReportPreview getPreview() {
        return preview;
    }
}
