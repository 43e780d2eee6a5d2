package org.filtermx.infrastructure.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlToTextTest {

    @Test
    void dropsScriptsStylesHeadImagesAndTags() {
        String html =
                "<html><head><title>t</title><style>p{color:red}</style></head><body>"
                        + "<p>Hello&nbsp;<b>there</b> &amp; &#60;you&#x3e;</p><img src=\"http://tracker.example/x.png\">"
                        + "<script>alert(1)</script><!-- <script>alert(2)</script> --><div>bye</div></body></html>";

        assertThat(HtmlToText.visibleText(html)).isEqualTo("Hello there & <you>\nbye");
    }

    @Test
    void aHeadLeftOpenEndsWhereTheBodyStarts() {
        assertThat(HtmlToText.visibleText("<html><head><meta charset=utf-8><BODY><p>shown</p>"))
                .isEqualTo("shown");
    }

    @Test
    void breaksLinesAtBlocksAndCollapsesWhiteSpace() {
        assertThat(
                        HtmlToText.visibleText(
                                "<p>one\n   two</p><p></p><p></p><ul><li>three<li>four</ul>"))
                .isEqualTo("one two\nthree\nfour");
    }

    @Test
    void aLessThanSignThatStartsNoTagIsTextAndAnUnclosedTagEndsTheReading() {
        assertThat(HtmlToText.visibleText("a < b <3 << c")).isEqualTo("a < b <3 << c");
        assertThat(HtmlToText.visibleText("a <b c")).isEqualTo("a");
    }

    @Test
    void handsCommentsAndTagsToTheMarkupAndResumesWhereItSays() {
        List<String> seen = new ArrayList<>();
        String text =
                HtmlToText.read(
                        "a<!-- x --><b>b</b><script>c</script>d",
                        1000,
                        new HtmlToText.Markup() {
                            @Override
                            public void comment() {
                                seen.add("comment");
                            }

                            @Override
                            public int tag(String html, int from, int close, StringBuilder read) {
                                String name = HtmlToText.tagName(html, from, close);
                                seen.add(name);
                                return name.equals("script") && html.charAt(from) != '/'
                                        ? HtmlToText.endTag(html, name, close)
                                        : close + 1;
                            }
                        });

        assertThat(text).isEqualTo("abd");
        assertThat(seen).containsExactly("comment", "b", "b", "script", "script");
    }

    @Test
    void readsNoFurtherThanItsCap() {
        assertThat(HtmlToText.read("abcdef", 3, (html, from, close, read) -> close + 1))
                .isEqualTo("abc");
        String text = HtmlToText.visibleText("<p>a</p>".repeat(HtmlToText.PREVIEW_MAX_HTML));
        assertThat(text).startsWith("a\na\na").hasSizeLessThan(HtmlToText.PREVIEW_MAX_CHARS + 2);
    }

    @Test
    void stopsAfterTheTagCap() {
        String html = "<b>x</b>".repeat(HtmlToText.PREVIEW_MAX_TAGS / 2) + "<b>late</b>";

        assertThat(HtmlToText.visibleText(html)).doesNotContain("late").startsWith("xxx");
    }

    static List<String> hostileHtml() {
        return List.of(
                "<".repeat(300_000),
                "<".repeat(3_000_000),
                "<script>".repeat(100_000) + "x",
                "<!--".repeat(100_000) + "x",
                "<div><b><i><table>".repeat(50_000) + "deep",
                "<table><b id=1><b id=2><b id=3><tr><td>".repeat(10_000),
                "<b id=1><i id=2><u id=3><s id=4><font id=5><em id=6>".repeat(5_000)
                        + "</p>".repeat(20_000),
                "<a href=\"".repeat(100_000),
                "&#".repeat(200_000) + "<p>" + "x".repeat(100_000));
    }

    @ParameterizedTest
    @MethodSource("hostileHtml")
    void readsHostileHtmlQuickly(String html) {
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    assertThat(HtmlToText.visibleText(html))
                            .hasSizeLessThanOrEqualTo(HtmlToText.PREVIEW_MAX_CHARS + 2);
                });
    }
}
