package org.filtermx.application.internal.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.junit.jupiter.api.Test;

class SubmissionFieldsTest {

    private static ParsedMessage with(HeaderField... fields) {
        return new ParsedMessage(List.of(fields), "", "", List.of(), 1, 0, List.of());
    }

    @Test
    void addsDateAndMessageIdWhenTheClientLeftThemOut() {
        SubmissionFields.Added added =
                SubmissionFields.complete(
                        with(new HeaderField("Subject", "x")),
                        "gw.example",
                        Instant.parse("2026-12-02T21:30:05Z"));

        String lines = new String(added.lines(), StandardCharsets.US_ASCII);
        assertThat(lines)
                .startsWith("Date: Wed, 2 Dec 2026 21:30:05 +0000\r\nMessage-ID: <")
                .endsWith("@gw.example>\r\n");
        assertThat(added.parsed().header("Date")).contains("Wed, 2 Dec 2026 21:30:05 +0000");
        assertThat(added.parsed().header("Subject")).contains("x");
    }

    @Test
    void leavesACompleteHeaderAlone() {
        ParsedMessage complete =
                with(
                        new HeaderField("date", "Tue, 1 Dec 2026 10:00:00 +0100"),
                        new HeaderField("Message-Id", "<a@b>"));

        SubmissionFields.Added added =
                SubmissionFields.complete(complete, "gw.example", Instant.now());

        assertThat(added.any()).isFalse();
        assertThat(added.parsed()).isSameAs(complete);
    }
}
