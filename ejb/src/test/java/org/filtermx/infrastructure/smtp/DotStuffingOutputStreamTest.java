package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

    @Test
    void stuffsDotAtStartOfEveryLineIncludingTheFirst() throws IOException {
        assertThat(encode(".a\r\nb.c\r\n.\r\n")).isEqualTo("..a\r\nb.c\r\n..\r\n.\r\n");
    }

    @Test
    void addsCrlfBeforeTheFinalDotWhenTheLastLineIsUnterminated() throws IOException {
        assertThat(encode("last line")).isEqualTo("last line\r\n.\r\n");
    }

    @Test
    void turnsTrailingBareCarriageReturnIntoOneLineEnd() throws IOException {
        assertThat(encode("text\r")).isEqualTo("text\r\n.\r\n");
    }

    @Test
    void turnsCrCrLfIntoTwoLineEnds() throws IOException {
        assertThat(encode("a\r\r\n.b")).isEqualTo("a\r\n\r\n..b\r\n.\r\n");
    }

    @Test
    void keepsCrlfSplitAcrossWritesAsOneLineEnd() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        data.write("a\r".getBytes(StandardCharsets.US_ASCII));
        data.write("\n.b\r\n".getBytes(StandardCharsets.US_ASCII));
        data.finish();

        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\n..b\r\n.\r\n");
    }

    private static String encode(String message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        data.write(message.getBytes(StandardCharsets.ISO_8859_1));
        data.finish();
        return wire.toString(StandardCharsets.ISO_8859_1);
    }
}
