package org.filtermx.infrastructure.filter.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The examples of RFC 6376 section 3.4.5 and the empty-body rules. */
class CanonicalizationTest {

    private static String body(Canonicalization c, String text) {
        return new String(
                c.body(text.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    }

    @Test
    void relaxedHeadersMatchTheRfcExample() {
        assertThat(Canonicalization.RELAXED.header("A: X")).isEqualTo("a:X\r\n");
        assertThat(Canonicalization.RELAXED.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
    }

    @Test
    void simpleHeadersStayAsWritten() {
        assertThat(Canonicalization.SIMPLE.header("B : Y\t\r\n\tZ  "))
                .isEqualTo("B : Y\t\r\n\tZ  \r\n");
    }

    @Test
    void relaxedBodyMatchesTheRfcExample() {
        assertThat(body(Canonicalization.RELAXED, " C \r\nD \t E\r\n\r\n\r\n"))
                .isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleBodyMatchesTheRfcExample() {
        assertThat(body(Canonicalization.SIMPLE, " C \r\nD \t E\r\n\r\n\r\n"))
                .isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void keepsEmptyLinesInsideTheBody() {
        assertThat(body(Canonicalization.RELAXED, "a\r\n \r\n\r\nb"))
                .isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    @Test
    void treatsEmptyBodiesAsTheRfcSays() {
        assertThat(body(Canonicalization.SIMPLE, "")).isEqualTo("\r\n");
        assertThat(body(Canonicalization.RELAXED, "")).isEmpty();
        assertThat(body(Canonicalization.RELAXED, "\r\n\r\n")).isEmpty();
    }
}
