package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.filtermx.application.ReportFormat;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.junit.jupiter.api.Test;

/** The plain-text alternative and the subject line carry what the HTML part says. */
class TextReportTest {

    private static final JasperReportRenderer RENDERER = new JasperReportRenderer();

    @Test
    void listsEveryHeldMessageWithItsReleaseLink() {
        RenderedReport report = RENDERER.render(ReportSamples.user(3, ReportFormat.HTML));

        assertThat(report.text())
                .contains("Quarantine report for bob@example.com")
                .contains("2 Dec 2026 (UTC)")
                .contains("Received:      1,234")
                .contains("Spam held:     3")
                .contains("Your invoice #88231 is overdue (0)")
                .contains("Sender: sender1@spam1.example")
                .contains("2 Dec 2026 17:55 UTC, virus: Eicar-Signature, score 5.0")
                .contains("Release: " + ReportSamples.releaseLink(0))
                .contains("Release: " + ReportSamples.releaseLink(2))
                .contains(ReportSamples.LOGIN)
                .contains(ReportSamples.CONSOLE);
    }

    @Test
    void domainTextHasTopSenders() {
        RenderedReport report = RENDERER.render(ReportSamples.domain(2, ReportFormat.HTML));

        assertThat(report.text())
                .contains("Senders with most held messages")
                .contains("37  bulk@spam-cannon.example");
    }

    @Test
    void subjectLineSaysWhoWhatAndWhen() {
        assertThat(RENDERER.render(ReportSamples.user(3, ReportFormat.HTML)).subject())
                .isEqualTo("Quarantine report for bob@example.com: 3 messages held (2 Dec 2026)");
        assertThat(RENDERER.render(ReportSamples.user(1, ReportFormat.HTML)).subject())
                .isEqualTo("Quarantine report for bob@example.com: 1 message held (2 Dec 2026)");
        assertThat(RENDERER.render(ReportSamples.user(0, ReportFormat.HTML)).subject())
                .isEqualTo("Quarantine report for bob@example.com: no messages held (2 Dec 2026)");
        assertThat(RENDERER.render(ReportSamples.domain(12, ReportFormat.PDF)).subject())
                .isEqualTo(
                        "Domain quarantine report for example.com: 12 messages held"
                                + " (23–29 Nov 2026)");
    }

    @Test
    void nothingHeldSaysSo() {
        assertThat(RENDERER.render(ReportSamples.user(0, ReportFormat.HTML)).text())
                .contains("Nothing was held in this period.");
    }
}
