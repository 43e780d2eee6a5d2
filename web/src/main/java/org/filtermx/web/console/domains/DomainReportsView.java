package org.filtermx.web.console.domains;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;
import org.filtermx.web.console.ReportPreview;
import org.primefaces.model.StreamedContent;

/**
 * The report card of {@code domain.xhtml?name=}: the domain's report settings (frequency, format,
 * address), sending the report now, and a preview (HTML in a sandboxed frame, or the PDF as a
 * download). The services check that the caller manages the domain.
 */
@Named
@ViewScoped
public class DomainReportsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient ReportService reports;
    @Inject private transient DomainService domains;
    @Inject private transient ConsoleUser user;

    private final ReportPreview preview = new ReportPreview();

    private String frequency = "never";
    private String format = "html";
    private String address;

    /**
     * Reads the domain's report settings (a GET changes nothing). Quiet when the domain cannot be
     * read: {@link DomainView} has said why already, and the page shows no card then.
     */
    public void load(String domain) {
        if (domain == null || domain.isBlank()) {
            return;
        }
        DomainDetails details;
        try {
            details = domains.get(user.caller(), domain);
        } catch (RuntimeException e) {
            return;
        }
        if (details.reports() != null) {
            frequency = details.reports().frequency();
            format = details.reports().format();
            address = details.reports().address();
        }
    }

    /** Saves frequency, format and address together; an empty address means the admin contact. */
    public void saveSettings(String domain) {
        String to = address == null ? "" : address.strip();
        DomainDetails saved =
                Feedback.attempt(
                        () ->
                                domains.changeSettings(
                                        user.caller(),
                                        domain,
                                        null,
                                        null,
                                        null,
                                        new DomainDetails.Reports(frequency, format, to),
                                        null,
                                        null));
        if (saved != null) {
            Feedback.info(
                    "Report settings saved: "
                            + ("never".equals(saved.reports().frequency())
                                    ? "no periodic report."
                                    : saved.reports().frequency()
                                            + " "
                                            + saved.reports().format().toUpperCase(Locale.ROOT)
                                            + " report to "
                                            + (saved.reports().address() == null
                                                    ? "the administrator contact."
                                                    : saved.reports().address() + ".")));
            load(domain);
        }
    }

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

    public String getFrequency() {
        return frequency;
    }

    public void setFrequency(String frequency) {
        this.frequency = frequency;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }
}
