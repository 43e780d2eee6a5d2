package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDF report as its reader sees it, read back with poppler-utils: the words, the totals, the
 * rows, the embedded fonts, the clickable release links, the pagination. The PDFs are kept in
 * {@code target/reports/} for a look.
 */
class PdfReportTest {

    private static final Path OUT = Path.of("target/reports");

    private static final JasperReportRenderer RENDERER = new JasperReportRenderer();

    @BeforeAll
    static void createOutputDirectory() throws IOException {
        Files.createDirectories(OUT);
    }

    @Test
    void userReportShowsSubjectPeriodTotalsHeldAndRefusedMessages() throws IOException {
        RenderedReport report = RENDERER.render(ReportSamples.user(6, ReportFormat.PDF));
        Path pdf = write(report, "user-report.pdf");

        String text = Poppler.text(pdf);
        assertThat(text)
                .contains("Quarantine report")
                .contains("bob@example.com")
                .contains("2 Dec 2026 (UTC)")
                .contains("1,234", "1,180", "Received", "Delivered", "Spam held", "Viruses held")
                .contains("Held messages", "Date (UTC)", "Sender", "Subject", "Reason", "Score")
                .contains("sender0@spam0.example", "sender5@spam5.example")
                .contains("Your invoice #88231 is overdue (0)")
                .contains("Ваш счёт заблокирован")
                .contains("Ελληνική προσφορά")
                .contains("virus: Eicar-", "Signature")
                .contains("Refused and not kept (for auditing)")
                .contains("refused0@botnet.example", "refused4@botnet.example")
                .contains("550 5.7.1", "zen.spamhaus.org")
                .contains("Page 1 of 1")
                .doesNotContain("Senders with most held messages");
        assertThat(report.pdfFileName())
                .isEqualTo("quarantine-report-bob_example.com-2026-12-02.pdf");
        assertThat(Poppler.info(pdf)).containsPattern("Creator:\\s+FilterMX");
    }

    @Test
    void everyFontIsEmbedded() throws IOException {
        Path pdf = write(RENDERER.render(ReportSamples.domain(40, ReportFormat.PDF)), "fonts.pdf");

        List<String> fonts = fontLines(Poppler.fonts(pdf));

        assertThat(fonts).isNotEmpty();
        assertThat(fonts).allSatisfy(line -> assertThat(embedded(line)).as(line).isEqualTo("yes"));
        assertThat(fonts).anySatisfy(line -> assertThat(line).contains("DejaVuSans-Bold"));
        assertThat(fonts).anySatisfy(line -> assertThat(line).contains("DejaVuSans "));
    }

    @Test
    void everyHeldMessageHasAClickableReleaseLink() throws IOException {
        RenderedReport report = RENDERER.render(ReportSamples.user(6, ReportFormat.PDF));
        Path pdf = write(report, "links.pdf");

        List<String> uris = uris(Files.readAllBytes(pdf));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(ReportSamples.releaseLink(i));
        }
        assertThat(uris).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Poppler.text(pdf)).contains("Release");
    }

    @Test
    void domainReportListsTopHeldSenders() throws IOException {
        Path pdf = write(RENDERER.render(ReportSamples.domain(3, ReportFormat.PDF)), "domain.pdf");

        String text = Poppler.text(pdf);

        assertThat(text)
                .contains("Domain quarantine report")
                .contains("example.com")
                .contains("23–29 Nov 2026 (UTC)")
                .contains("45,678")
                .contains("Senders with most held messages")
                .contains("bulk@spam-cannon.example")
                .contains("<script>@evil.example")
                .contains("refused11@botnet.example");
        assertThat(text.indexOf("Senders with most held messages"))
                .isLessThan(text.indexOf("Held messages"));
    }

    @Test
    void longTablesRunOverPagesWithTheirHeadersRepeated() throws IOException {
        Path pdf = write(RENDERER.render(ReportSamples.user(120, ReportFormat.PDF)), "long.pdf");

        int pages = Poppler.pages(pdf);

        assertThat(pages).isGreaterThanOrEqualTo(3);
        String text = Poppler.text(pdf);
        assertThat(text).contains("sender0@spam0.example").contains("sender119@spam0.example");
        assertThat(Poppler.page(pdf, 2)).contains("Held messages").contains("Date (UTC)");
        assertThat(Poppler.page(pdf, pages)).contains("Page " + pages + " of " + pages);
        assertThat(uris(Files.readAllBytes(pdf))).hasSize(120);
    }

    @Test
    void longSubjectsAndSendersWrapWithinTheirColumnAndAreCut() throws IOException {
        String longSubject = "Win ".repeat(200);
        String longSender = "x".repeat(400) + "@long.example";
        List<HeldLine> held = new ArrayList<>(ReportSamples.heldLines(3));
        held.add(
                1,
                new HeldLine(
                        ReportSamples.DAY,
                        longSender,
                        longSubject,
                        "spam",
                        9.9,
                        ReportSamples.releaseLink(99)));
        ReportContent content =
                ReportSamples.withHeld(ReportSamples.user(0, ReportFormat.PDF), held);

        Path pdf = write(RENDERER.render(content), "long-text.pdf");

        String text = Poppler.text(pdf);
        assertThat(text).contains("sender0@spam0.example").contains("sender2@spam2.example");
        assertThat(text).doesNotContain("long.example");
        assertThat(text.split("Win", -1).length - 1)
                .isLessThanOrEqualTo(BoundedContent.MAX_TEXT / 4 + 1);
        assertThat(uris(Files.readAllBytes(pdf))).contains(ReportSamples.releaseLink(99));
    }

    @Test
    void nothingHeldSaysSo() throws IOException {
        Path pdf = write(RENDERER.render(ReportSamples.user(0, ReportFormat.PDF)), "empty.pdf");

        assertThat(Poppler.text(pdf)).contains("Nothing was held in this period.");
    }

    @Test
    void omittedHeldMessagesAreMentioned() throws IOException {
        ReportContent content =
                ReportSamples.withOmitted(ReportSamples.user(4, ReportFormat.PDF), 1234);

        Path pdf = write(RENDERER.render(content), "omitted.pdf");

        assertThat(Poppler.text(pdf).replaceAll("\\s+", " "))
                .contains(
                        "1,234 more held messages are not listed here; the console shows them all.");
    }

    @Test
    void templateIsCompiledOnceForAllReportsEvenWhenTheFirstOnesRace() throws Exception {
        JasperReportRenderer renderer = new JasperReportRenderer();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RenderedReport>> reports = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ReportContent content =
                        i % 2 == 0
                                ? ReportSamples.user(2, ReportFormat.PDF)
                                : ReportSamples.domain(2, ReportFormat.PDF);
                reports.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return renderer.render(content);
                                }));
            }
            start.countDown();
            for (Future<RenderedReport> report : reports) {
                assertThat(report.get(2, TimeUnit.MINUTES).pdf()).startsWith("%PDF-".getBytes());
            }
        } finally {
            pool.shutdownNow();
        }
        Object compiled = renderer.template().report();
        renderer.render(ReportSamples.user(1, ReportFormat.PDF));

        assertThat(renderer.template().compilations()).isEqualTo(1);
        assertThat(renderer.template().report()).isSameAs(compiled);
    }

    @Test
    void templateRefusesToPrintInASubstituteFont() {
        assertThat(
                        RENDERER.template()
                                .report()
                                .getProperty("net.sf.jasperreports.awt.ignore.missing.font"))
                .isEqualTo("false");
    }

    @Test
    void htmlFormatHasNoPdf() {
        RenderedReport report = RENDERER.render(ReportSamples.user(2, ReportFormat.HTML));

        assertThat(report.pdf()).isNull();
        assertThat(report.pdfFileName()).isNull();
    }

    private static Path write(RenderedReport report, String name) throws IOException {
        assertThat(report.pdf()).isNotNull();
        assertThat(new String(report.pdf(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        Path pdf = OUT.resolve(name);
        Files.write(pdf, report.pdf());
        return pdf;
    }

    /** The link annotations' targets: every {@code /URI (...)} action in the file. */
    static List<String> uris(byte[] pdf) {
        Matcher uri =
                Pattern.compile("/URI\\s*\\(([^)]*)\\)")
                        .matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        List<String> found = new ArrayList<>();
        while (uri.find()) {
            found.add(uri.group(1));
        }
        return found;
    }

    private static List<String> fontLines(String pdffonts) {
        List<String> lines = new ArrayList<>();
        boolean body = false;
        for (String line : pdffonts.split("\n")) {
            if (body && !line.isBlank()) {
                lines.add(line);
            }
            body |= line.startsWith("-----");
        }
        return lines;
    }

    /** The "emb" column: fifth from the end (emb sub uni object-id generation). */
    private static String embedded(String line) {
        String[] columns = line.strip().split("\\s+");
        return columns[columns.length - 5];
    }
}
