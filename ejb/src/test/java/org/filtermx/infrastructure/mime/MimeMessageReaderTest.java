package org.filtermx.infrastructure.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.filtermx.application.HeldMessageContent;
import org.junit.jupiter.api.Test;

class MimeMessageReaderTest {

    private final MimeMessageReader reader = new MimeMessageReader();

    private static byte[] message(String contentType, String body) {
        return ("From: a@sender.example\r\nTo: b@example.com\r\nSubject: =?UTF-8?Q?gr=C3=BC=C3=9Fe?=\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: "
                        + contentType
                        + "\r\n\r\n"
                        + body
                        + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsThePlainTextPartAsItIs() {
        assertThat(reader.read(message("text/plain; charset=us-ascii", "Hello <b>Bob</b>")).text())
                .contains("Hello <b>Bob</b>");
    }

    @Test
    void prefersThePlainTextAlternative() {
        String body =
                "--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n--b--";

        assertThat(reader.read(message("multipart/alternative; boundary=b", body)).text())
                .contains("plain")
                .doesNotContain("html");
    }

    @Test
    void readsTheVisibleTextOfAnHtmlOnlyMessage() {
        String html =
                "<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;<b>there</b></p>"
                        + "<script>alert(1)</script></body></html>";

        assertThat(reader.read(message("text/html; charset=utf-8", html)).text())
                .isEqualTo("Hello there");
    }

    @Test
    void decodesTheHeaderFieldsShownAndListsAttachments() {
        String body =
                "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                        + "--b\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--";

        HeldMessageContent content = reader.read(message("multipart/mixed; boundary=b", body));

        assertThat(content.headers())
                .containsExactly(
                        new HeldMessageContent.Header("From", "a@sender.example"),
                        new HeldMessageContent.Header("To", "b@example.com"),
                        new HeldMessageContent.Header("Subject", "grüße"));
        assertThat(content.attachments())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.filename()).isEqualTo("invoice.pdf");
                            assertThat(a.contentType()).isEqualTo("application/pdf");
                            assertThat(a.size()).isEqualTo(9);
                        });
    }

    @Test
    void previewsAHeldMessageOf300000LessThanSignsQuickly() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    assertThat(reader.read(message("text/html", "<".repeat(300_000))).text())
                            .startsWith("<<<")
                            .endsWith("characters]");
                    assertThat(
                                    reader.read(
                                                    message(
                                                            "text/html; charset=utf-8; "
                                                                    + "(".repeat(100_000),
                                                            "<p>hi"))
                                            .text())
                            .isNotNull();
                });
    }

    @Test
    void saysSoWhenThereIsNoText() {
        assertThat(reader.read(message("application/octet-stream", "AAAA")).text())
                .contains("no text part");
    }
}
