package org.filtermx.infrastructure.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.junit.jupiter.api.Test;

class MimeMessageParserTest {

    private final MimeMessageParser parser = MimeMessageParser.withDefaults();

    @Test
    void keepsTopLevelHeadersInOrderUnfoldedButNotDecoded() {
        ParsedMessage parsed =
                parse(
                        "From: Alice <alice@example.org>\r\n"
                                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                                + "  aus Bern\r\n"
                                + "To: bob@example.net\r\n"
                                + "\r\n"
                                + "Hello\r\n");

        assertThat(parsed.headers())
                .extracting(h -> h.name())
                .containsExactly("From", "Subject", "To");
        assertThat(parsed.header("subject")).contains("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=  aus Bern");
        assertThat(parsed.textBody()).isEqualTo("Hello\r\n");
        assertThat(parsed.partCount()).isEqualTo(1);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void decodesEncodedWordsOnRequest() {
        assertThat(MimeMessageParser.decodeHeader("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Bern"))
                .isEqualTo("Grüße aus Bern");
        assertThat(MimeMessageParser.decodeHeader("=?iso-8859-1?B?SGFsbPY=?=")).isEqualTo("Hallö");
        assertThat(MimeMessageParser.decodeHeader("plain text")).isEqualTo("plain text");
        assertThat(MimeMessageParser.decodeHeader(null)).isEmpty();
    }

    @Test
    void leavesEncodedWordWithUnknownCharsetReadable() {
        assertThat(MimeMessageParser.decodeHeader("=?x-no-such-charset?Q?caf=E9?="))
                .contains("caf");
    }

    @Test
    void keepsRawUtf8HeaderValuesAsUtf8() {
        byte[] raw = "Subject: Grüße\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(raw).header("Subject")).contains("Grüße");
    }

    @Test
    void decodesQuotedPrintableTextInItsDeclaredCharset() {
        ParsedMessage parsed =
                parse(
                        "Content-Type: text/plain; charset=utf-8\r\n"
                                + "Content-Transfer-Encoding: quoted-printable\r\n"
                                + "\r\n"
                                + "Gr=C3=BC=C3=9Fe, soft=\r\n"
                                + "break\r\n");

        assertThat(parsed.textBody()).isEqualTo("Grüße, softbreak\r\n");
    }

    @Test
    void readsUnknownCharsetAsLatin1() {
        byte[] raw =
                ("Content-Type: text/plain; charset=x-martian\r\n\r\ncaf\u00e9\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(parser.parse(raw).textBody()).isEqualTo("café\r\n");
    }

    @Test
    void separatesPlainAndHtmlAlternatives() {
        ParsedMessage parsed =
                parse(
                        "Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
                                + "\r\n"
                                + "--b1\r\n"
                                + "Content-Type: text/plain\r\n"
                                + "\r\n"
                                + "plain words\r\n"
                                + "--b1\r\n"
                                + "Content-Type: text/html; charset=iso-8859-1\r\n"
                                + "Content-Transfer-Encoding: base64\r\n"
                                + "\r\n"
                                + b64("<p>html words</p>")
                                + "\r\n"
                                + "--b1--\r\n");

        assertThat(parsed.textBody()).isEqualTo("plain words");
        assertThat(parsed.htmlBody()).isEqualTo("<p>html words</p>");
        assertThat(parsed.attachments()).isEmpty();
        assertThat(parsed.partCount()).isEqualTo(3);
        assertThat(parsed.maxDepth()).isEqualTo(1);
    }

    @Test
    void joinsSeveralPlainPartsWithABlankLine() {
        ParsedMessage parsed =
                parse(
                        "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                                + "--b\r\n\r\nfirst\r\n"
                                + "--b\r\n\r\nsecond\r\n"
                                + "--b--\r\n");

        assertThat(parsed.textBody()).isEqualTo("first\r\n\r\nsecond");
    }

    @Test
    void decodesBase64AttachmentWithRfc2231FileName() {
        ParsedMessage parsed =
                parse(
                        mixed(
                                "Content-Type: application/octet-stream\r\n"
                                        + "Content-Disposition: attachment;\r\n"
                                        + " filename*0*=UTF-8''%E2%82%AC-rech;\r\n"
                                        + " filename*1=nung.pdf\r\n"
                                        + "Content-Transfer-Encoding: base64\r\n"
                                        + "\r\n"
                                        + b64("%PDF-1.4 fake")
                                        + "\r\n"));

        Attachment attachment = parsed.attachments().get(0);
        assertThat(attachment.filename()).isEqualTo("€-rechnung.pdf");
        assertThat(attachment.contentType()).isEqualTo("application/octet-stream");
        assertThat(new String(attachment.content(), StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-1.4 fake");
        assertThat(attachment.size()).isEqualTo(13);
        assertThat(attachment.truncated()).isFalse();
    }

    @Test
    void decodesEncodedWordFileNamesAndLegacyNameParameter() {
        ParsedMessage parsed =
                parse(
                        mixed(
                                "Content-Type: application/zip;"
                                        + " name=\"=?UTF-8?B?w6RyZ2VyLnppcA==?=\"\r\n"
                                        + "\r\n"
                                        + "PK\r\n"));

        assertThat(parsed.attachments())
                .extracting(Attachment::filename)
                .containsExactly("ärger.zip");
    }

    @Test
    void keepsRightToLeftOverrideInFileNameForScannersToSee() {
        ParsedMessage parsed =
                parse(
                        mixed(
                                "Content-Type: application/octet-stream\r\n"
                                        + "Content-Disposition: attachment;"
                                        + " filename*=utf-8''invoice%E2%80%AEfdp.exe\r\n"
                                        + "\r\n"
                                        + "MZ\r\n"));

        assertThat(parsed.attachments().get(0).filename()).isEqualTo("invoice\u202efdp.exe");
    }

    @Test
    void treatsTextWithFileNameOrAttachmentDispositionAsAttachment() {
        ParsedMessage parsed =
                parse(
                        mixed(
                                "Content-Type: text/plain; name=notes.txt\r\n\r\nnotes\r\n",
                                "Content-Type: text/html\r\n"
                                        + "Content-Disposition: attachment\r\n\r\n<b>x</b>\r\n",
                                "Content-Type: image/png\r\n\r\npng\r\n"));

        assertThat(parsed.textBody()).isEmpty();
        assertThat(parsed.htmlBody()).isEmpty();
        assertThat(parsed.attachments())
                .extracting(Attachment::filename, Attachment::contentType)
                .containsExactly(
                        tuple("notes.txt", "text/plain"),
                        tuple("", "text/html"),
                        tuple("", "image/png"));
    }

    @Test
    void descendsIntoAttachedMessages() {
        String inner =
                "Subject: inner\r\n"
                        + "Content-Type: multipart/mixed; boundary=inner\r\n\r\n"
                        + "--inner\r\n\r\ninner text\r\n"
                        + "--inner\r\n"
                        + "Content-Type: application/x-msdownload; name=run.exe\r\n\r\nMZ\r\n"
                        + "--inner--\r\n";
        ParsedMessage parsed = parse(mixed("Content-Type: message/rfc822\r\n\r\n" + inner));

        assertThat(parsed.attachments())
                .extracting(Attachment::filename)
                .containsExactly("run.exe");
        assertThat(parsed.textBody()).isEqualTo("inner text");
        assertThat(parsed.headers("Subject")).isEmpty();
        assertThat(parsed.maxDepth()).isEqualTo(3);
    }

    @Test
    void stopsDescendingAtTheNestingLimitWithinBoundedTime() {
        int levels = 10_000;
        StringBuilder message = new StringBuilder("Subject: deep\r\n");
        for (int i = 0; i < levels; i++) {
            message.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(i)
                    .append("\"\r\n\r\n--b")
                    .append(i)
                    .append("\r\n");
        }
        message.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            message.append("--b").append(i).append("--\r\n");
        }

        long start = System.nanoTime();
        ParsedMessage parsed = parse(message.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(parsed.problems()).contains("MIME_NESTING_LIMIT");
        assertThat(parsed.maxDepth()).isEqualTo(MimeLimits.DEFAULT_MAX_NESTING);
        assertThat(parsed.textBody()).isEmpty();
        assertThat(millis).isLessThan(3000);
    }

    @Test
    void keepsOnlyTheFirstThousandOfAFloodOfHeaderLines() {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            message.append("X-Flood-").append(i).append(": value\r\n");
        }
        message.append("Subject: after the flood\r\n\r\nstill read\r\n");

        long start = System.nanoTime();
        ParsedMessage parsed = parse(message.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(parsed.headers()).hasSize(MimeLimits.DEFAULT_MAX_HEADER_COUNT);
        assertThat(parsed.problems()).containsExactly("HEADER_COUNT_LIMIT");
        assertThat(parsed.textBody()).isEqualTo("still read\r\n");
        assertThat(millis).isLessThan(3000);
    }

    @Test
    void capsAHugeBase64AttachmentButCountsItsSize() {
        byte[] payload = new byte[20 * 1024 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        String encoded = Base64.getMimeEncoder().encodeToString(payload);
        String message =
                mixed(
                        "Content-Type: application/octet-stream; name=big.bin\r\n"
                                + "Content-Transfer-Encoding: base64\r\n\r\n"
                                + encoded
                                + "\r\n");

        long start = System.nanoTime();
        ParsedMessage parsed = parse(message);
        long millis = (System.nanoTime() - start) / 1_000_000;

        Attachment big = parsed.attachments().get(0);
        assertThat(big.size()).isEqualTo(payload.length);
        assertThat(big.content()).hasSize(MimeLimits.DEFAULT_ATTACHMENT_CAP);
        assertThat(big.truncated()).isTrue();
        assertThat(big.content()[12345]).isEqualTo(payload[12345]);
        assertThat(parsed.problems()).isEmpty();
        assertThat(millis).isLessThan(3000);
    }

    @Test
    void stopsDecodingAtTheTotalCapButStillListsLaterAttachments() {
        MimeMessageParser small =
                new MimeMessageParser(new MimeLimits(100, 1000, 1000, 102_400, 1024, 1024, 2048));
        String part = b64("x".repeat(1500));
        ParsedMessage parsed =
                small.parse(
                        mixed(
                                        "Content-Type: application/octet-stream; name=a.bin\r\n"
                                                + "Content-Transfer-Encoding: base64\r\n\r\n"
                                                + part
                                                + "\r\n",
                                        "Content-Type: application/octet-stream; name=b.bin\r\n"
                                                + "Content-Transfer-Encoding: base64\r\n\r\n"
                                                + part
                                                + "\r\n",
                                        "Content-Type: application/x-msdownload; name=c.exe\r\n"
                                                + "\r\nMZ\r\n")
                                .getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.problems()).containsExactly("DECODED_SIZE_LIMIT");
        assertThat(parsed.attachments())
                .extracting(Attachment::filename, Attachment::size, Attachment::truncated)
                .containsExactly(
                        tuple("a.bin", 1500L, true),
                        tuple("b.bin", 548L, true),
                        tuple("c.exe", 0L, true));
        assertThat(parsed.attachments().get(0).content()).hasSize(1024);
    }

    @Test
    void capsEachTextBody() {
        MimeMessageParser small =
                new MimeMessageParser(new MimeLimits(100, 1000, 1000, 102_400, 10, 1024, 4096));

        ParsedMessage parsed =
                small.parse(
                        "Subject: x\r\n\r\n0123456789abcdef\r\n"
                                .getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.textBody()).isEqualTo("0123456789");
    }

    @Test
    void stopsAtThePartCountLimit() {
        MimeMessageParser small =
                new MimeMessageParser(new MimeLimits(100, 5, 1000, 102_400, 1024, 1024, 4096));
        String[] parts = new String[10];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = "Content-Type: application/octet-stream; name=f" + i + ".bin\r\n\r\nx\r\n";
        }

        ParsedMessage parsed = small.parse(mixed(parts).getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.problems()).contains("PART_COUNT_LIMIT");
        assertThat(parsed.attachments()).hasSizeLessThan(5);
    }

    @Test
    void reportsAnOversizedHeaderFieldWithoutThrowing() {
        String message = "Subject: " + "a".repeat(200_000) + "\r\nFrom: x@example.org\r\n\r\nb\r\n";

        ParsedMessage parsed = parse(message);

        assertThat(parsed.problems()).containsExactly("HEADER_SIZE_LIMIT");
    }

    @Test
    void reportsMultipartWithoutClosingBoundaryAsMalformed() {
        ParsedMessage parsed =
                parse(
                        "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                                + "--b\r\n\r\ncut off text\r\n");

        assertThat(parsed.problems()).containsExactly("MALFORMED_MIME");
        assertThat(parsed.textBody()).startsWith("cut off text");
    }

    @Test
    void reportsMultipartWithoutBoundaryAsMalformed() {
        ParsedMessage parsed = parse("Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext\r\n");

        assertThat(parsed.problems()).contains("MALFORMED_MIME");
    }

    @Test
    void neverThrowsOnEmptyOrBinaryInput() {
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);

        assertThat(parser.parse(new byte[0]).headers()).isEmpty();
        assertThat(parser.parse(null).textBody()).isEmpty();
        assertThat(parser.parse(binary)).isNotNull();
    }

    @Test
    void readsBareLineFeedMessages() {
        ParsedMessage parsed =
                parse(
                        "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n"
                                + "--b\n\nline text\n--b\n"
                                + "Content-Type: application/pdf; name=x.pdf\n\n%PDF\n--b--\n");

        assertThat(parsed.header("From")).contains("a@example.org");
        assertThat(parsed.textBody()).isEqualTo("line text");
        assertThat(parsed.attachments()).extracting(Attachment::filename).containsExactly("x.pdf");
    }

    private ParsedMessage parse(String message) {
        return parser.parse(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String text) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String mixed(String... parts) {
        StringBuilder message =
                new StringBuilder(
                        "From: a@example.org\r\n"
                                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n");
        for (String part : parts) {
            message.append("--outer\r\n").append(part);
        }
        return message.append("--outer--\r\n").toString();
    }
}
