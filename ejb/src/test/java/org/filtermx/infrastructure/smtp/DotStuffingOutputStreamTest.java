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

    @Test
    void writesRunsExactlyAsByteByByteForAnySplitOfTheInput() throws IOException {
        java.util.Random random = new java.util.Random(5321);
        byte[] alphabet = {'a', '.', '\r', '\n', ' ', (byte) 0xe4};
        for (int round = 0; round < 2_000; round++) {
            byte[] message = new byte[random.nextInt(40)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream single = new ByteArrayOutputStream();
            DotStuffingOutputStream one = new DotStuffingOutputStream(single);
            for (byte b : message) {
                one.write(b);
            }
            one.finish();
            ByteArrayOutputStream runs = new ByteArrayOutputStream();
            DotStuffingOutputStream bulk = new DotStuffingOutputStream(runs);
            int at = 0;
            while (at < message.length) {
                int length = 1 + random.nextInt(message.length - at);
                bulk.write(message, at, length);
                at += length;
            }
            bulk.finish();
            assertThat(runs.toByteArray()).as("round %d", round).isEqualTo(single.toByteArray());
        }
    }

    private static String encode(String message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        data.write(message.getBytes(StandardCharsets.ISO_8859_1));
        data.finish();
        return wire.toString(StandardCharsets.ISO_8859_1);
    }
}
