package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Verdict;
import org.junit.jupiter.api.Test;

class VerdictHeadersTest {

    @Test
    void stripsForgedVerdictFieldsWithTheirContinuationLinesFromTheHeaderOnly() {
        String in =
                "From: a@b.example\r\nX-FilterMX-Verdict: deliver\r\nX-FILTERMX-Reasons: A +1,\r\n\tB +2\r\n"
                        + "Subject: hi\r\n\r\nX-FilterMX-Verdict: body text stays\r\n";
        String out =
                new String(
                        VerdictHeaders.strip(in.getBytes(StandardCharsets.US_ASCII)),
                        StandardCharsets.US_ASCII);
        assertThat(out)
                .isEqualTo(
                        "From: a@b.example\r\nSubject: hi\r\n\r\nX-FilterMX-Verdict: body text stays\r\n");
    }

    @Test
    void leavesMessagesWithoutVerdictFieldsUntouched() {
        byte[] in = "From: a@b.example\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(VerdictHeaders.strip(in)).isSameAs(in);
    }

    @Test
    void writesVerdictScoreAndFoldedReasons() {
        Verdict v =
                new Verdict(
                        Verdict.Action.QUARANTINE,
                        7.5,
                        List.of(
                                new Reason("BAYES_99", 5.5, ""),
                                new Reason("SPF_SOFTFAIL", 1.0, "example.org: ~all"),
                                new Reason(
                                        "HEADER_X",
                                        1.0,
                                        "a rather long explanation that forces folding of the line")),
                        false);
        String h = new String(VerdictHeaders.of(v), StandardCharsets.US_ASCII);
        assertThat(h)
                .startsWith(
                        "X-FilterMX-Verdict: quarantine\r\nX-FilterMX-Score: 7.5\r\nX-FilterMX-Reasons: BAYES_99 +5.5,");
        for (String line : h.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(h).endsWith("\r\n");
    }

    @Test
    void replacesEachCodePointOutsidePrintableAsciiAsTheFormerExpressionDid() {
        for (String s :
                new String[] {
                    "plain", "tab\there", "caf\u00e9", "emoji \ud83d\ude00 end", "\u0000\u007f~ "
                }) {
            org.assertj.core.api.Assertions.assertThat(VerdictHeaders.printableAscii(s))
                    .isEqualTo(s.replaceAll("[^\\x20-\\x7e]", "?"));
        }
    }
}
