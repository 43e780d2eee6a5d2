package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportFormat;
import org.junit.jupiter.api.Test;

/** Input is capped before any rendering work. */
class BoundedContentTest {

    @Test
    void cutsLongTextWithAnEllipsis() {
        String cut = BoundedContent.text("a".repeat(10_000));

        assertThat(cut).hasSize(BoundedContent.MAX_TEXT).endsWith("a\u2026");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = "a".repeat(BoundedContent.MAX_TEXT - 2) + emoji + "tail";

        String cut = BoundedContent.text(text);

        assertThat(cut).endsWith("a\u2026");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void turnsLineBreaksAndControlsIntoSpaces() {
        assertThat(BoundedContent.text("Hello\r\nBcc: x@y\u0000\tz"))
                .isEqualTo("Hello  Bcc: x@y  z");
        assertThat(BoundedContent.text(null)).isNull();
    }

    @Test
    void dropsBidirectionalOverrides() {
        assertThat(BoundedContent.text("invoice\u202Efdp.exe\u202C from \u2067x\u2069"))
                .isEqualTo("invoicefdp.exe from x");
    }

    @Test
    void keepsOnlyWebLinks() {
        assertThat(BoundedContent.link("https://mx.example.net/r?a=1&b=2"))
                .isEqualTo("https://mx.example.net/r?a=1&b=2");
        assertThat(BoundedContent.link("HTTP://mx.example.net/"))
                .isEqualTo("HTTP://mx.example.net/");
        assertThat(BoundedContent.link("javascript:alert(1)")).isNull();
        assertThat(BoundedContent.link("data:text/html,x")).isNull();
        assertThat(BoundedContent.link("https://x.example/\"onmouseover=")).isNull();
        assertThat(BoundedContent.link("https://x.example/ a")).isNull();
        assertThat(BoundedContent.link("https://x.example/" + "a".repeat(3000))).isNull();
    }

    @Test
    void capsTheListsAndCountsTheHeldMessagesLeftOut() {
        ReportContent big = ReportSamples.user(BoundedContent.MAX_HELD + 10, ReportFormat.PDF);
        big = ReportSamples.withOmitted(big, 5);

        ReportContent capped = BoundedContent.of(big);

        assertThat(capped.held()).hasSize(BoundedContent.MAX_HELD);
        assertThat(capped.heldOmitted()).isEqualTo(15);
        assertThat(ReportWording.heldCount(capped)).isEqualTo(ReportWording.heldCount(big));
    }

    @Test
    void toleratesMissingLists() {
        ReportContent sparse =
                new ReportContent(
                        ReportContent.Kind.USER,
                        "bob@example.com",
                        "example.com",
                        "bob@example.com",
                        ReportFormat.HTML,
                        ReportSamples.DAY,
                        ReportSamples.DAY.plusSeconds(86_400),
                        null,
                        null,
                        -3,
                        null,
                        null,
                        null,
                        null);

        ReportContent bounded = BoundedContent.of(sparse);

        assertThat(bounded.held()).isEqualTo(List.of());
        assertThat(bounded.heldOmitted()).isZero();
        assertThat(bounded.refused()).isEmpty();
        assertThat(bounded.topSenders()).isEmpty();
        assertThat(bounded.totals()).isEqualTo(new ReportContent.Totals(0, 0, 0, 0, 0));
    }
}
