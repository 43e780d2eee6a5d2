package org.filtermx.infrastructure.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelaxedCanonicalizationTest {

    /** RFC 6376 section 3.4.5, the header fields of the example. */
    @Test
    void headerFieldsOfTheRfcExample() {
        assertThat(RelaxedCanonicalization.header("A: X")).isEqualTo("a:X\r\n");
        assertThat(RelaxedCanonicalization.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
    }

    /** RFC 6376 section 3.4.5, the body of the example. */
    @Test
    void bodyOfTheRfcExample() {
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void anEmptyBodyStaysEmptyAndWhitespaceOnlyLinesAtTheEndGo() {
        assertThat(body("")).isEmpty();
        assertThat(body("\r\n\r\n")).isEmpty();
        assertThat(body("text\r\n \t\r\n\r\n")).isEqualTo("text\r\n");
    }

    @Test
    void aLastLineWithoutLineEndGetsOne() {
        assertThat(body("last line  ")).isEqualTo("last line\r\n");
    }

    @Test
    void emptyLinesInsideTheBodyStay() {
        assertThat(body("a\r\n\r\n  \r\nb\r\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    @Test
    void aBareCarriageReturnIsAnOrdinaryCharacter() {
        assertThat(body("a\rb\r\n")).isEqualTo("a\rb\r\n");
    }

    @Test
    void headerNamesAreLowerCasedAndTheColonLosesItsSpaces() {
        assertThat(RelaxedCanonicalization.header("Subject \t:  \t hello   world\t"))
                .isEqualTo("subject:hello world\r\n");
    }

    /** A hostile body (megabytes of whitespace) takes linear time, not a backtracking blow-up. */
    @Test
    void megabytesOfWhitespaceCanonicalizeQuickly() {
        byte[] hostile = (" \t".repeat(2_000_000) + "x").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        byte[] canonical = RelaxedCanonicalization.body(hostile);
        assertThat(new String(canonical, StandardCharsets.US_ASCII)).isEqualTo(" x\r\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        String field = "Subject:" + " \t".repeat(500_000) + "y";
        assertThat(RelaxedCanonicalization.header(field)).isEqualTo("subject:y\r\n");
    }

    private static String body(String body) {
        return new String(
                RelaxedCanonicalization.body(body.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }
}
