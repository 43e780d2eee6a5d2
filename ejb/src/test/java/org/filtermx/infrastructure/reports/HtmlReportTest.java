package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.junit.jupiter.api.Test;

/**
 * The HTML part as a mail client gets it: everything escaped (senders and subjects come from
 * strangers), no scripts, no remote content, no style sheet, the links that work.
 */
class HtmlReportTest {

    private static final JasperReportRenderer RENDERER = new JasperReportRenderer();

    @Test
    void hostileSubjectsAndSendersAreEscaped() throws IOException {
        List<HeldLine> held = new ArrayList<>(ReportSamples.heldLines(2));
        held.add(
                new HeldLine(
                        ReportSamples.DAY,
                        "\"><img src=\"http://evil.example/x.png\">@evil.example",
                        "<script>alert('pwned')</script> & <b>bold</b>",
                        "spam<iframe>",
                        12.5,
                        ReportSamples.releaseLink(7)));
        ReportContent content =
                ReportSamples.withHeld(ReportSamples.user(0, ReportFormat.HTML), held);

        String html = RENDERER.render(content).html();
        Files.createDirectories(Path.of("target/reports"));
        Files.writeString(Path.of("target/reports/hostile.html"), html);

        assertThat(html)
                .contains(
                        "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .contains(
                        "&quot;&gt;&lt;img src=&quot;http://evil.example/x.png&quot;&gt;@evil.example")
                .contains("spam&lt;iframe&gt;")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<b>");
    }

    @Test
    void containsNothingAMailClientWouldBlockOrRun() {
        String html = RENDERER.render(ReportSamples.domain(30, ReportFormat.PDF)).html();

        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<style")
                .doesNotContainIgnoringCase("class=")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase(" on");
    }

    @Test
    void everyHeldMessageHasItsReleaseButton() {
        String html = RENDERER.render(ReportSamples.user(5, ReportFormat.HTML)).html();

        for (int i = 0; i < 5; i++) {
            assertThat(html)
                    .contains(
                            "<a href=\""
                                    + ReportSamples.releaseLink(i).replace("&", "&amp;")
                                    + "\"");
        }
        assertThat(html.split(">Release</a>", -1)).hasSize(6);
    }

    @Test
    void showsTotalsPeriodAndTheConsoleAndLoginLinks() {
        String html = RENDERER.render(ReportSamples.user(3, ReportFormat.HTML)).html();

        assertThat(html)
                .contains("Quarantine report")
                .contains("bob@example.com")
                .contains("2 Dec 2026 (UTC)")
                .contains(">1,234<", ">1,180<", ">3<", ">2<", ">5<")
                .contains("Spam held", "Viruses held", "Refused")
                .contains("<a href=\"" + ReportSamples.CONSOLE + "\"")
                .contains("<a href=\"" + ReportSamples.LOGIN + "\"")
                .contains("Set my password");
    }

    @Test
    void withoutLoginLinkThereIsNoPasswordButton() {
        String html = RENDERER.render(ReportSamples.domain(3, ReportFormat.HTML)).html();

        assertThat(html)
                .doesNotContain("Set my password")
                .contains("Senders with most held messages")
                .contains("&lt;script&gt;@evil.example")
                .contains("The domain&#39;s quarantine");
    }

    @Test
    void refusedMessagesAreLeftToThePdf() {
        String html = RENDERER.render(ReportSamples.user(3, ReportFormat.PDF)).html();

        assertThat(html)
                .doesNotContain("refused0@botnet.example")
                .contains("with the 5 refused messages of the period for auditing");
    }

    @Test
    void nonWebLinksAreNotLinked() {
        List<HeldLine> held =
                List.of(
                        new HeldLine(
                                ReportSamples.DAY,
                                "a@b.example",
                                "hello",
                                "spam",
                                6,
                                "javascript:alert(1)"));
        ReportContent content =
                ReportSamples.withHeld(ReportSamples.user(0, ReportFormat.HTML), held);

        RenderedReport report = RENDERER.render(content);

        assertThat(report.html()).doesNotContainIgnoringCase("javascript");
        assertThat(report.text()).doesNotContainIgnoringCase("javascript");
    }

    @Test
    void omittedMessagesAreMentioned() {
        ReportContent content =
                ReportSamples.withOmitted(ReportSamples.user(2, ReportFormat.HTML), 40);

        RenderedReport report = RENDERER.render(content);

        assertThat(report.html()).contains("40 more held messages are not listed here");
        assertThat(report.subject()).contains("42 messages held");
    }
}
