package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService;
import org.filtermx.application.ReportService.SentReport;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Protection reports on request: {@code POST /reports/users/{address}/send} and {@code POST
 * /reports/domains/{name}/send} send that report now, covering the period since the last one;
 * {@code GET .../preview?format=html|pdf} shows it without sending (docs/operator-guide.md,
 * "Protection reports"). Who may ask is decided by the report service.
 */
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private static final String PDF = "application/pdf";
    private static final String HTML = "text/html; charset=UTF-8";

    @Inject private ReportService reports;
    @Inject private CurrentCaller caller;

    @POST
    @Path("users/{address}/send")
    public SentReport sendUserReport(@PathParam("address") String address) {
        return reports.sendUserReport(caller.get(), address);
    }

    @POST
    @Path("domains/{name}/send")
    public SentReport sendDomainReport(@PathParam("name") String name) {
        return reports.sendDomainReport(caller.get(), name);
    }

    /** The user's report as it would be sent now: HTML (the default) or the PDF. */
    @GET
    @Path("users/{address}/preview")
    @Produces({MediaType.TEXT_HTML, PDF, MediaType.APPLICATION_JSON})
    public Response previewUserReport(
            @PathParam("address") String address, @QueryParam("format") String format) {
        ReportFormat f = format(format);
        return rendered(reports.previewUserReport(caller.get(), address, f), f);
    }

    /** The domain's report as it would be sent now: HTML (the default) or the PDF. */
    @GET
    @Path("domains/{name}/preview")
    @Produces({MediaType.TEXT_HTML, PDF, MediaType.APPLICATION_JSON})
    public Response previewDomainReport(
            @PathParam("name") String name, @QueryParam("format") String format) {
        ReportFormat f = format(format);
        return rendered(reports.previewDomainReport(caller.get(), name, f), f);
    }

    private static ReportFormat format(String format) {
        if (format == null || format.isBlank()) {
            return ReportFormat.HTML;
        }
        return switch (LowerCase.of(format.strip())) {
            case "html" -> ReportFormat.HTML;
            case "pdf" -> ReportFormat.PDF;
            default -> throw new InvalidRequest("format must be html or pdf");
        };
    }

    private static Response rendered(RenderedReport report, ReportFormat format) {
        if (format == ReportFormat.PDF) {
            if (report.pdf() == null) {
                throw new IllegalStateException("the renderer made no PDF");
            }
            return Response.ok(report.pdf(), PDF)
                    .header(
                            "Content-Disposition",
                            "inline; filename=\"" + fileName(report.pdfFileName()) + "\"")
                    .build();
        }
        // The report's HTML carries no scripts; the policy keeps it so if it is opened here.
        return Response.ok(report.html(), HTML)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .build();
    }

    /** The file name with anything that could break out of the quoted header value dropped. */
    private static String fileName(String name) {
        if (name == null || name.isBlank()) {
            return "report.pdf";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c > ' ' && c < 0x7f && c != '"' && c != '\\') {
                sb.append(c);
            }
        }
        return sb.length() == 0 ? "report.pdf" : sb.toString();
    }
}
