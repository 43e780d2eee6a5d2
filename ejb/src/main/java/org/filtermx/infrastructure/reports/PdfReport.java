package org.filtermx.infrastructure.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.filtermx.application.Brand;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportContent.Kind;
import org.filtermx.application.ReportContent.RefusedLine;
import org.filtermx.application.ReportContent.SenderCount;
import org.filtermx.application.ReportContent.Totals;

/**
 * Fills the report template with one report's content and exports it as PDF: the words from {@link
 * ReportWording} as parameters, the three tables (top senders of a domain, held messages, refused
 * messages) as one flat list of rows told apart by their section.
 */
final class PdfReport {

    static final String SENDERS = "senders";
    static final String HELD = "held";
    static final String REFUSED = "refused";

    private PdfReport() {}

    /** The PDF of {@code content}, which {@link BoundedContent#of} has already capped. */
    static byte[] of(ReportContent content, CompiledTemplate template) {
        try {
            JasperPrint print =
                    JasperFillManager.fillReport(
                            template.report(),
                            parameters(content),
                            new JRMapCollectionDataSource(rows(content)));
            ByteArrayOutputStream pdf = new ByteArrayOutputStream(32_768);
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(pdf));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setMetadataTitle(ReportWording.subjectLine(content));
            configuration.setMetadataCreator(content.brand().productName());
            configuration.setMetadataAuthor(content.brand().productName());
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            return pdf.toByteArray();
        } catch (JRException e) {
            throw new IllegalStateException(
                    "cannot render the PDF report of " + content.subject(), e);
        }
    }

    static Map<String, Object> parameters(ReportContent content) {
        Map<String, Object> p = new HashMap<>();
        p.put("reportTitle", ReportWording.title(content.kind()));
        p.put("subjectName", content.subject());
        p.put("period", ReportWording.period(content) + " (UTC)");
        p.put("intro", ReportWording.intro(content));
        boolean noRows = content.held().isEmpty();
        String omitted =
                content.heldOmitted() > 0 ? ReportWording.omitted(content.heldOmitted()) : null;
        p.put(
                "titleNote",
                noRows ? (omitted == null ? ReportWording.NOTHING_HELD : omitted) : null);
        p.put("omittedNote", noRows ? null : omitted);
        String support = ReportWording.support(content.brand());
        p.put("footer", ReportWording.footer(content) + (support == null ? "" : " " + support));
        p.put("logo", logo(content.brand()));
        Totals totals = content.totals();
        p.put("labelReceived", ReportWording.RECEIVED);
        p.put("labelDelivered", ReportWording.DELIVERED);
        p.put("labelSpam", ReportWording.SPAM);
        p.put("labelViruses", ReportWording.VIRUSES);
        p.put("labelRefused", ReportWording.REFUSED);
        p.put("received", ReportWording.count(totals.received()));
        p.put("delivered", ReportWording.count(totals.delivered()));
        p.put("spam", ReportWording.count(totals.spam()));
        p.put("viruses", ReportWording.count(totals.viruses()));
        p.put("refused", ReportWording.count(totals.refused()));
        p.put("colDate", ReportWording.DATE);
        p.put("colSender", ReportWording.SENDER);
        p.put("colSubject", ReportWording.SUBJECT);
        p.put("colReason", ReportWording.REASON);
        p.put("colScore", ReportWording.SCORE);
        p.put("colMessages", ReportWording.MESSAGES);
        p.put("release", ReportWording.RELEASE);
        return p;
    }

    /**
     * The brand's logo as the PNG or JPEG it was uploaded as (embedded as such, transparency kept),
     * or null.
     */
    static InputStream logo(Brand brand) {
        return brand.logo() == null ? null : new ByteArrayInputStream(brand.logo());
    }

    static List<Map<String, ?>> rows(ReportContent content) {
        List<Map<String, ?>> rows =
                new ArrayList<>(
                        content.topSenders().size()
                                + content.held().size()
                                + content.refused().size());
        if (content.kind() == Kind.DOMAIN) {
            for (SenderCount sender : content.topSenders()) {
                Map<String, Object> row = row(SENDERS, ReportWording.TOP_SENDERS_TITLE);
                row.put("sender", ReportWording.sender(sender.sender()));
                row.put("count", ReportWording.count(sender.messages()));
                rows.add(row);
            }
        }
        for (HeldLine line : content.held()) {
            Map<String, Object> row = row(HELD, ReportWording.HELD_TITLE);
            row.put("at", ReportWording.dateTime(line.receivedAt()));
            row.put("sender", ReportWording.sender(line.sender()));
            row.put("subject", ReportWording.subject(line.subjectLine()));
            row.put("reason", line.reason());
            row.put("score", ReportWording.score(line.score()));
            row.put("link", line.releaseLink());
            rows.add(row);
        }
        for (RefusedLine line : content.refused()) {
            Map<String, Object> row = row(REFUSED, ReportWording.REFUSED_TITLE);
            row.put("at", ReportWording.dateTime(line.receivedAt()));
            row.put("sender", ReportWording.sender(line.sender()));
            row.put("subject", ReportWording.subject(line.subjectLine()));
            row.put("reason", line.reason());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> row(String section, String title) {
        Map<String, Object> row = new HashMap<>(16);
        row.put("section", section);
        row.put("sectionTitle", title);
        return row;
    }
}
