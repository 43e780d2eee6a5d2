package org.filtermx.smtp.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataReaderTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private DataReader reader(long sizeLimit, int headerLimit) {
        return new DataReader(out, sizeLimit, headerLimit);
    }

    private DataReader reader() {
        return reader(10_000, 1_000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String written() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void endsAtCrLfDotCrLfAndLeavesWhatFollows() {
        DataReader reader = reader();
        byte[] input = bytes("Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n");

        int consumed = reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
        assertThat(written()).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
        assertThat(new String(input, consumed, input.length - consumed, StandardCharsets.US_ASCII))
                .isEqualTo("QUIT\r\n");
    }

    @Test
    void endsAtDotCrLfRightAfterTheGoAhead() {
        DataReader reader = reader();
        byte[] input = bytes(".\r\nNOOP\r\n");

        int consumed = reader.feed(input, 0, input.length);

        assertThat(consumed).isEqualTo(3);
        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
        assertThat(written()).isEmpty();
    }

    @Test
    void removesLeadingTransparencyDots() {
        DataReader reader = reader();
        byte[] input = bytes("..leading\r\n...\r\nmid.dle\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(written()).isEqualTo(".leading\r\n..\r\nmid.dle\r\n");
    }

    @Test
    void findsTheEndSplitAcrossChunksOfOneByte() {
        DataReader reader = reader();
        byte[] input = bytes("a\r\n..b\r\n.\r\n");

        for (int i = 0; i < input.length; i++) {
            assertThat(reader.finished()).isFalse();
            assertThat(reader.feed(input, i, 1)).isEqualTo(1);
        }

        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
        assertThat(written()).isEqualTo("a\r\n.b\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r\n", "\r\n\u0000.\r\n"})
    void treatsSmugglingSequencesAsContentAndRefusesTheMessage(String sequence) {
        DataReader reader = reader();
        byte[] input = bytes("text" + sequence + "MAIL FROM:<x@y>\r\n");

        int consumed = reader.feed(input, 0, input.length);

        assertThat(consumed).isEqualTo(input.length);
        assertThat(reader.finished()).isFalse();
        byte[] end = bytes("\r\n.\r\n");
        reader.feed(end, 0, end.length);
        assertThat(reader.outcome()).isIn(DataOutcome.BARE_LINE_ENDING, DataOutcome.NUL);
    }

    @Test
    void rejectsBareLineFeedInData() {
        DataReader reader = reader();
        byte[] input = bytes("Subject: x\r\n\r\nline\nmore\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.BARE_LINE_ENDING);
    }

    @Test
    void rejectsBareCarriageReturnInData() {
        DataReader reader = reader();
        byte[] input = bytes("line\rmore\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.BARE_LINE_ENDING);
    }

    @Test
    void rejectsNulInData() {
        DataReader reader = reader();
        byte[] input = bytes("a\u0000b\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.NUL);
    }

    @Test
    void refusesMessageOverTheSizeLimitButReadsToTheEnd() {
        DataReader reader = reader(20, 1_000);
        byte[] input = bytes("x".repeat(100) + "\r\n.\r\nRSET\r\n");

        int consumed = reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.MESSAGE_TOO_LARGE);
        assertThat(input.length - consumed).isEqualTo("RSET\r\n".length());
        assertThat(out.size()).isLessThanOrEqualTo(20);
    }

    @Test
    void acceptsMessageOfExactlyTheSizeLimit() {
        DataReader reader = reader(10, 1_000);
        byte[] input = bytes("12345678\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
        assertThat(reader.size()).isEqualTo(10);
    }

    @Test
    void refusesHeaderSectionOverTheLimit() {
        DataReader reader = reader(100_000, 100);
        String header = "X-Long: " + "a".repeat(60) + "\r\n " + "b".repeat(60) + "\r\n";
        byte[] input = bytes(header + "\r\nbody\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.HEADER_TOO_LARGE);
    }

    @Test
    void doesNotCountTheBodyAsHeader() {
        DataReader reader = reader(100_000, 100);
        byte[] input = bytes("Subject: x\r\n\r\n" + "b".repeat(500) + "\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
    }

    @Test
    void endsTheHeaderSectionAtTheFirstLineThatIsNoField() {
        DataReader reader = reader(100_000, 100);
        byte[] input = bytes("From someone in mbox style\r\n" + "b".repeat(500) + "\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
    }

    @Test
    void streamsLongLinesWithoutLimit() {
        DataReader reader = reader(1_000_000, 1_000);
        byte[] input = bytes("Subject: x\r\n\r\n" + "y".repeat(100_000) + "\r\n.\r\n");

        reader.feed(input, 0, input.length);

        assertThat(reader.outcome()).isEqualTo(DataOutcome.COMPLETE);
        assertThat(out.size()).isEqualTo(input.length - 3);
    }

    /**
     * Body runs are copied in bulk; whatever the chunking, the outcome, the bytes written and the
     * bytes consumed are those of reading one byte at a time.
     */
    @Test
    void readsAlikeInAnyChunkingWithAndWithoutProblems() {
        String[] pieces = {
            "Subject: s\r\n",
            "\r\n",
            "body text ",
            "\r\n",
            ".dot",
            "\r",
            "\n",
            "\u0000",
            "x".repeat(300),
            "\r\n..\r\n"
        };
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder("From: a@b\r\n");
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] input = bytes(text + "\r\n.\r\nQUIT\r\n");
            long limit = 200 + random.nextInt(2_000);

            ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
            DataReader slow = new DataReader(oneByOne, limit, 150);
            int slowConsumed = 0;
            for (int i = 0; i < input.length && !slow.finished(); i++) {
                slowConsumed += slow.feed(input, i, 1);
            }

            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            DataReader fast = new DataReader(chunked, limit, 150);
            int fastConsumed = 0;
            while (fastConsumed < input.length && !fast.finished()) {
                int length = Math.min(input.length - fastConsumed, 1 + random.nextInt(700));
                fastConsumed += fast.feed(input, fastConsumed, length);
            }

            assertThat(fast.outcome()).as(text.toString()).isEqualTo(slow.outcome());
            assertThat(fastConsumed).as(text.toString()).isEqualTo(slowConsumed);
            if (slow.outcome() == DataOutcome.COMPLETE) {
                assertThat(chunked.toByteArray())
                        .as(text.toString())
                        .isEqualTo(oneByOne.toByteArray());
            }
        }
    }
}
