package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportContent.Kind;
import org.filtermx.application.ReportContent.RefusedLine;
import org.filtermx.application.ReportContent.SenderCount;
import org.filtermx.application.ReportContent.Totals;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.port.ReportRenderer;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.filtermx.infrastructure.reports.JasperReportRenderer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report renderer inside the server, with the EAR's class loading: JasperReports from the EAR's
 * lib/, the template, the font extension and the ECJ compiler found from the EJB module. The
 * rendered PDF and mail parts are kept in {@code src-test/target/reports/} for a look, and the
 * render times go to the server log.
 */
@ExtendWith(ArquillianExtension.class)
class ReportRenderingIT {

    private static final String EJB_MODULE = "deployment.filtermx.ear.filtermx-ejb.jar";

    private static final Instant DAY = Instant.parse("2026-12-02T00:00:00Z");

    private static final int WARM_RENDERS = 20;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "report-rendering.war")
                .addClass(ReportRenderingIT.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    @Test
    void rendersThePdfWithEmbeddedFontsAndLinksInsideTheServer() throws IOException {
        ReportRenderer renderer = new JasperReportRenderer();

        long start = System.nanoTime();
        RenderedReport user = renderer.render(content(Kind.USER, 20, ReportFormat.PDF));
        long cold = System.nanoTime() - start;
        start = System.nanoTime();
        RenderedReport domain = null;
        for (int i = 0; i < WARM_RENDERS; i++) {
            domain = renderer.render(content(Kind.DOMAIN, 20, ReportFormat.PDF));
        }
        long warm = (System.nanoTime() - start) / WARM_RENDERS;
        start = System.nanoTime();
        RenderedReport html = null;
        for (int i = 0; i < WARM_RENDERS; i++) {
            html = renderer.render(content(Kind.USER, 20, ReportFormat.HTML));
        }
        long htmlOnly = (System.nanoTime() - start) / WARM_RENDERS;
        System.out.printf(
                Locale.ROOT,
                "ReportRenderingIT: first PDF report %d ms (compiles the template), then %.1f ms"
                        + " per PDF report, %.2f ms per HTML-only report (20 held messages)%n",
                cold / 1_000_000,
                warm / 1e6,
                htmlOnly / 1e6);

        for (RenderedReport report : List.of(user, domain)) {
            String pdf = new String(report.pdf(), StandardCharsets.ISO_8859_1);
            assertTrue(pdf.startsWith("%PDF-"), "a PDF");
            assertTrue(
                    Pattern.compile("/URI\\s*\\(" + Pattern.quote(link(0)) + "\\)")
                            .matcher(pdf)
                            .find(),
                    "release link annotation");
            assertTrue(pdf.contains("/FontFile2"), "embedded TrueType font");
            assertTrue(pdf.contains("DejaVuSans"), "the project's font family");
            assertFalse(pdf.contains("/Helvetica"), "no standard, unembedded font");
        }
        assertNull(html.pdf());
        assertTrue(html.html().contains("&lt;script&gt;"), "escaped subject");
        assertFalse(html.html().contains("<script"), "no script");

        Path dir = reportsDirectory();
        Files.write(dir.resolve("user-report.pdf"), user.pdf());
        Files.write(dir.resolve("domain-report.pdf"), domain.pdf());
        Files.writeString(dir.resolve("user-report.html"), user.html());
        Files.writeString(dir.resolve("user-report.txt"), user.text());
        Files.writeString(dir.resolve("domain-report.html"), domain.html());
        assertEquals(
                "Quarantine report for bob@example.com: 20 messages held (2 Dec 2026)",
                user.subject());
    }

    /** {@code src-test/target/reports}: the server's base directory is {@code target/it/server}. */
    private static Path reportsDirectory() throws IOException {
        Path base = Path.of(System.getProperty("jboss.server.base.dir"));
        return Files.createDirectories(base.getParent().getParent().resolve("reports"));
    }

    private static ReportContent content(Kind kind, int held, ReportFormat format) {
        List<HeldLine> lines = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            lines.add(
                    new HeldLine(
                            DAY.plusSeconds(86_000L * (held - i) / (held + 1)),
                            "sender" + i + "@spam" + (i % 7) + ".example",
                            i == 1
                                    ? "<script>alert(1)</script> Ваш счёт заблокирован"
                                    : "Your invoice #" + (88_000 + i) + " is overdue",
                            i % 4 == 0 ? "virus: Eicar-Signature" : "spam",
                            5.0 + i * 0.37,
                            link(i)));
        }
        List<RefusedLine> refused = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refused.add(
                    new RefusedLine(
                            DAY.plusSeconds(3_600L * i),
                            "refused" + i + "@botnet.example",
                            "Refused offer " + i,
                            "550 5.7.1 listed at zen.spamhaus.org"));
        }
        boolean user = kind == Kind.USER;
        return new ReportContent(
                kind,
                user ? "bob@example.com" : "example.com",
                "example.com",
                user ? "bob@example.com" : "postmaster@example.com",
                format,
                DAY,
                DAY.plus(Duration.ofDays(1)),
                new Totals(1234, 1180, held, 2, refused.size()),
                lines,
                0,
                refused,
                user ? List.of() : List.of(new SenderCount("bulk@spam-cannon.example", 37)),
                "https://mx.example.net/",
                user ? "https://mx.example.net/password?token=abc.def" : null);
    }

    private static String link(int i) {
        return "https://mx.example.net/release?id=" + (1000 + i) + "&sig=k1.AbCdEf" + i;
    }
}
