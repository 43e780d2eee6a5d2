package org.filtermx.application.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.filtermx.infrastructure.mime.EncodedWords;
import org.junit.jupiter.api.Test;

class HeaderSummaryTest {

    @Test
    void readsMessageIdAndDecodedFoldedSubjectFromTheHeaderSectionOnly() {
        String message =
                "Received: from a\r\n\tby b; Fri, 27 Nov 2026 00:00:00 +0000\r\n"
                        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n and more\r\n"
                        + "Message-ID: <abc@example.com>\r\n"
                        + "\r\n"
                        + "Subject: not a header\r\n";
        HeaderSummary h =
                HeaderSummary.of(message.getBytes(StandardCharsets.US_ASCII), EncodedWords::decode);
        assertThat(h.messageId()).isEqualTo("abc@example.com");
        assertThat(h.subject()).isEqualTo("Grüße and more");
        assertThat(h.receivedCount()).isEqualTo(1);
    }

    @Test
    void readsHostileSubjectsInLinearTime() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    for (String subject :
                            new String[] {
                                "=?utf-8?q?a?= ".repeat(7_000),
                                "=?".repeat(50_000),
                                "=?x?".repeat(25_000),
                                "<".repeat(100_000)
                            }) {
                        String message =
                                "Message-ID: <"
                                        + "<".repeat(100_000)
                                        + ">\r\nSubject: "
                                        + subject
                                        + "\r\n\r\nx";
                        assertThat(
                                        HeaderSummary.of(
                                                        message.getBytes(StandardCharsets.US_ASCII),
                                                        EncodedWords::decode)
                                                .subject())
                                .isNotNull();
                    }
                });
    }

    @Test
    void toleratesMessagesWithoutHeaders() {
        HeaderSummary h =
                HeaderSummary.of(
                        "\r\nbody only\r\n".getBytes(StandardCharsets.US_ASCII),
                        EncodedWords::decode);
        assertThat(h.messageId()).isNull();
        assertThat(h.subject()).isNull();
    }

    @Test
    void keepsUtf8SubjectsSentRaw() {
        byte[] m = "Subject: Grüße\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(HeaderSummary.of(m, EncodedWords::decode).subject()).isEqualTo("Grüße");
    }
}
