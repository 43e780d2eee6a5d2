package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.filtermx.application.WelcomeContent;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.junit.jupiter.api.Test;

/** The welcome mail of an automatically enabled user. */
class WelcomeMailTest {

    private final JasperReportRenderer renderer = new JasperReportRenderer();

    @Test
    void announcesTheQuarantineTheReportsAndTheLoginLink() {
        RenderedReport mail = renderer.welcome(ReportSamples.welcome());

        assertThat(mail.subject())
                .isEqualTo("Your personal quarantine for carol@example.com is on");
        assertThat(mail.pdf()).isNull();
        assertThat(mail.pdfFileName()).isNull();
        for (String part : new String[] {mail.text(), mail.html()}) {
            assertThat(part)
                    .contains("carol@example.com")
                    .contains("example.com")
                    .contains("from 3 Dec 2026 14:30 UTC on")
                    .contains("expires on 9 Dec 2026 14:30 UTC")
                    .contains(ReportSamples.LOGIN)
                    .contains(ReportSamples.CONSOLE);
        }
        assertThat(mail.html())
                .contains("<a href=\"" + ReportSamples.LOGIN + "\"")
                .contains("Set my password")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("src=");
        assertThat(renderer.template().compilations()).isZero();
    }

    @Test
    void escapesTheAddress() {
        WelcomeContent hostile =
                new WelcomeContent(
                        "<script>x</script>@example.com",
                        "example.com",
                        ReportSamples.LOGIN,
                        ReportSamples.DAY,
                        ReportSamples.CONSOLE,
                        ReportSamples.DAY);

        RenderedReport mail = renderer.welcome(hostile);

        assertThat(mail.html())
                .doesNotContainIgnoringCase("<script")
                .contains("&lt;script&gt;x&lt;/script&gt;@example.com");
    }
}
