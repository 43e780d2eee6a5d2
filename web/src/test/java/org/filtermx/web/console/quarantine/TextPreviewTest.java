package org.filtermx.web.console.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextPreviewTest {

    private static byte[] message(String contentType, String body) {
        return ("From: a@sender.example\r\nTo: b@example.com\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsThePlainTextPartAsItIs() {
        assertThat(TextPreview.of(message("text/plain; charset=us-ascii", "Hello <b>Bob</b>")))
                .isEqualTo("Hello <b>Bob</b>\r\n");
    }

    @Test
    void prefersThePlainTextAlternative() {
        String body = "--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n--b--";
        assertThat(TextPreview.of(message("multipart/alternative; boundary=b", body))).contains("plain")
                .doesNotContain("html");
    }

    @Test
    void dropsScriptsStylesImagesAndTagsFromHtml() {
        String html = "<html><head><title>t</title><style>p{color:red}</style></head><body>"
                + "<p>Hello&nbsp;<b>there</b> &amp; &#60;you&#x3e;</p><img src=\"http://tracker.example/x.png\">"
                + "<script>alert(1)</script><!-- <script>alert(2)</script> --><div>bye</div></body></html>";
        String text = TextPreview.of(message("text/html; charset=utf-8", html));
        assertThat(text).contains("Hello there & <you>").contains("bye").doesNotContain("alert")
                .doesNotContain("tracker.example").doesNotContain("color:red").doesNotContain("<p>");
    }

    static List<String> hostileHtml() {
        return List.of(
                "<".repeat(300_000),
                "<".repeat(3_000_000),
                "<script>".repeat(100_000) + "x",
                "<!--".repeat(100_000) + "x",
                "<div><b><i><table>".repeat(50_000) + "deep",
                "<table><b id=1><b id=2><b id=3><tr><td>".repeat(10_000),
                "<b id=1><i id=2><u id=3><s id=4><font id=5><em id=6>".repeat(5_000) + "</p>".repeat(20_000),
                "<a href=\"".repeat(100_000),
                "&#".repeat(200_000) + "<p>" + "x".repeat(100_000));
    }

    @ParameterizedTest
    @MethodSource("hostileHtml")
    void readsHostileHtmlQuickly(String html) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(TextPreview.htmlToText(html)).hasSizeLessThanOrEqualTo(TextPreview.MAX_CHARS + 2);
        });
    }

    @Test
    void previewsAHeldMessageOf300000LessThanSignsQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(TextPreview.of(message("text/html", "<".repeat(300_000)))).startsWith("<<<")
                    .endsWith("characters]");
            assertThat(TextPreview.of(message("text/html; charset=utf-8; " + "(".repeat(100_000), "<p>hi")))
                    .isNotNull();
        });
    }

    @Test
    void cutsTheHtmlReadAtTheCap() {
        String text = TextPreview.htmlToText("<p>a</p>".repeat(TextPreview.MAX_HTML));
        assertThat(text).startsWith("a\na\na").hasSizeLessThan(TextPreview.MAX_HTML);
    }

    @Test
    void saysSoWhenThereIsNoText() {
        assertThat(TextPreview.of(message("application/octet-stream", "AAAA"))).contains("no text part");
    }
}
