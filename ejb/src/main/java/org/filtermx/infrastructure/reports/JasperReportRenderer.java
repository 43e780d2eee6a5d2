package org.filtermx.infrastructure.reports;

import jakarta.enterprise.context.ApplicationScoped;
import org.filtermx.application.Brand;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.WelcomeContent;
import org.filtermx.application.port.ReportRenderer;

/**
 * The node's report renderer: caps the content, writes the HTML and text parts by hand, and for the
 * PDF format fills the one report template, compiled on first use and then shared by every report
 * of this deployment (docs/adr/0022).
 */
@ApplicationScoped
public class JasperReportRenderer implements ReportRenderer {

    static final String TEMPLATE = "reports/quarantine-report.jrxml";

    private final CompiledTemplate template = new CompiledTemplate(TEMPLATE);

    @Override
    public RenderedReport render(ReportContent raw) {
        ReportContent content = BoundedContent.of(raw);
        String subject = ReportWording.subjectLine(content);
        byte[] pdf = content.format() == ReportFormat.PDF ? pdf(content) : null;
        Brand brand = content.brand();
        return new RenderedReport(
                subject,
                TextReport.of(content),
                HtmlReport.of(content),
                pdf,
                pdf == null ? null : ReportWording.pdfFileName(content),
                brand.logo(),
                brand.logo() == null ? null : brand.logoType(),
                brand.supportAddress());
    }

    @Override
    public RenderedReport welcome(WelcomeContent content) {
        return WelcomeMail.of(content);
    }

    /** The compiled template, shared by every report this renderer fills. */
    CompiledTemplate template() {
        return template;
    }

    /**
     * Fills the PDF with this class's loader as the thread's context loader: JasperReports finds
     * its extensions (the font family, the ECJ compiler) through the context loader, and a caller
     * in the web module or a timer thread must not change what it sees.
     */
    private byte[] pdf(ReportContent content) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JasperReportRenderer.class.getClassLoader());
        try {
            return PdfReport.of(content, template);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
