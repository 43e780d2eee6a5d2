package org.filtermx.web.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and ordinary bulk uploads, read message by message. */
class MessageUploadTest {

    private static final long MAX = 1000;

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Each message's text, or "skipped: why". */
    private static List<String> read(MessageUpload upload) throws Exception {
        List<String> out = new ArrayList<>();
        for (UploadedMessage m = upload.next(); m != null; m = upload.next()) {
            assertThat(m.index()).isEqualTo(out.size());
            out.add(
                    m.problem() != null
                            ? "skipped: " + m.problem()
                            : new String(m.content(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void splitsAnMboxAtFromLinesWithLfOrCrlf() throws Exception {
        String mbox =
                "From a@example.com Thu Dec  3 07:00:00 2026\n"
                        + "Subject: one\n\nbody one\n\n"
                        + "From b@example.com Thu Dec  3 07:00:01 2026\r\n"
                        + "Subject: two\r\n\r\nbody two\r\n\r\n"
                        + "From c@example.com Thu Dec  3 07:00:02 2026\n"
                        + "Subject: three\n\nno line break at the end";
        assertThat(read(MessageUpload.mbox(body(mbox), MAX)))
                .containsExactly(
                        "Subject: one\n\nbody one\n",
                        "Subject: two\r\n\r\nbody two\r\n",
                        "Subject: three\n\nno line break at the end");
    }

    @Test
    void unquotesMboxrdFromLinesByOneLevel() throws Exception {
        String mbox =
                "From a@example.com Thu Dec  3 07:00:00 2026\n"
                        + "Subject: quoting\n\n"
                        + ">From the start\n"
                        + ">>From deeper\n"
                        + "> From is not quoted\n"
                        + "From-less line\n";
        assertThat(read(MessageUpload.mbox(body(mbox), MAX)))
                .containsExactly(
                        "Subject: quoting\n\nFrom the start\n>From deeper\n> From is not"
                                + " quoted\nFrom-less line\n");
    }

    @Test
    void refusesABodyThatDoesNotStartWithAFromLine() {
        MessageUpload upload = MessageUpload.mbox(body("Subject: no separator\n\nbody\n"), MAX);
        assertThatThrownBy(upload::next)
                .isInstanceOf(MalformedUpload.class)
                .hasMessageContaining("From ");
    }

    @Test
    void leavesOutOversizedAndEmptyMboxMessagesAndReadsOn() throws Exception {
        String huge = "x".repeat(3000);
        String mbox =
                "From a Thu Dec  3 07:00:00 2026\nSubject: big\n\n"
                        + huge
                        + "\n"
                        + "From b Thu Dec  3 07:00:00 2026\n\n"
                        + "From c Thu Dec  3 07:00:00 2026\nSubject: fine\n\nok\n";
        assertThat(read(MessageUpload.mbox(body(mbox), MAX)))
                .containsExactly(
                        "skipped: larger than the message size limit of 1000 bytes",
                        "skipped: empty message",
                        "Subject: fine\n\nok\n");
    }

    @Test
    void anEmptyMboxHoldsNoMessage() throws Exception {
        assertThat(read(MessageUpload.mbox(body(""), MAX))).isEmpty();
        assertThat(read(MessageUpload.mbox(body("\r\n\n"), MAX))).isEmpty();
    }

    @Test
    void readsEachMultipartPartAsAMessage() throws Exception {
        String multipart =
                "preamble, ignored\r\n"
                        + "--b1\r\n"
                        + "Content-Type: message/rfc822\r\n\r\n"
                        + "Subject: one\r\n\r\nbody one\r\n"
                        + "--b1  \r\n"
                        + "\r\n"
                        + "Subject: two\n\n--b1x is not a delimiter\n"
                        + "--b1\r\n"
                        + "Content-Type: text/plain\r\n\r\nnot a message\r\n"
                        + "--b1\r\n"
                        + "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "U3ViamVjdDogeA==\r\n"
                        + "--b1\r\n\r\n\r\n"
                        + "--b1--\r\nepilogue, ignored\r\n";
        assertThat(read(MessageUpload.multipart(body(multipart), "b1", MAX)))
                .containsExactly(
                        "Subject: one\r\n\r\nbody one",
                        "Subject: two\n\n--b1x is not a delimiter",
                        "skipped: the part is text/plain, not message/rfc822",
                        "skipped: a message/rfc822 part must not be encoded as base64 (RFC 2046"
                                + " section 5.2.1)",
                        "skipped: empty part");
    }

    @Test
    void aMultipartBodyCutOffIsMalformedAfterItsWholeParts() throws Exception {
        String multipart =
                "--b\r\n\r\nSubject: whole\r\n\r\nok\r\n--b\r\n\r\nSubject: cut\r\n\r\nhalf";
        MessageUpload upload = MessageUpload.multipart(body(multipart), "b", MAX);
        assertThat(new String(upload.next().content(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: whole\r\n\r\nok");
        assertThatThrownBy(upload::next)
                .isInstanceOf(MalformedUpload.class)
                .hasMessageContaining("ends inside part 1");
    }

    @Test
    void aMultipartBodyWithoutADelimiterIsMalformed() {
        MessageUpload upload = MessageUpload.multipart(body("Subject: x\r\n\r\ny\r\n"), "b", MAX);
        assertThatThrownBy(upload::next).isInstanceOf(MalformedUpload.class);
    }

    @Test
    void leavesOutAnOversizedPartWithoutKeepingIt() throws Exception {
        String multipart =
                "--b\r\n\r\n"
                        + "y".repeat(5000)
                        + "\r\n--b\r\n\r\nSubject: small\r\n\r\nok\r\n--b--\r\n";
        assertThat(read(MessageUpload.multipart(body(multipart), "b", MAX)))
                .containsExactly(
                        "skipped: larger than the message size limit of 1000 bytes",
                        "Subject: small\r\n\r\nok");
    }

    @Test
    void checksBoundaries() {
        assertThat(MessageUpload.validBoundary("simple-boundary_1")).isTrue();
        assertThat(MessageUpload.validBoundary(null)).isFalse();
        assertThat(MessageUpload.validBoundary("")).isFalse();
        assertThat(MessageUpload.validBoundary("x".repeat(71))).isFalse();
        assertThat(MessageUpload.validBoundary("ends in space ")).isFalse();
        assertThat(MessageUpload.validBoundary("bad\r\nheader")).isFalse();
    }

    @Test
    void readsAStreamThatArrivesInSmallPieces() throws Exception {
        String mbox = "From a x\nSubject: one\n\n>From quoted\n\nFrom b x\nSubject: two\n\nbody\n";
        InputStream trickle =
                new InputStream() {
                    private final byte[] bytes = mbox.getBytes(StandardCharsets.US_ASCII);
                    private int at;

                    @Override
                    public int read() {
                        return at < bytes.length ? bytes[at++] : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (at >= bytes.length) {
                            return -1;
                        }
                        b[off] = bytes[at++];
                        return 1;
                    }
                };
        assertThat(read(MessageUpload.mbox(trickle, MAX)))
                .containsExactly("Subject: one\n\nFrom quoted\n", "Subject: two\n\nbody\n");
    }
}
