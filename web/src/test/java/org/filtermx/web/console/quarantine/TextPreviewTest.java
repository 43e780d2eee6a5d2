package org.filtermx.web.console.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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

    @Test
    void saysSoWhenThereIsNoText() {
        assertThat(TextPreview.of(message("application/octet-stream", "AAAA"))).contains("no text part");
    }
}
