package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.filtermx.imap.server.message.Messages.bytes;
import static org.filtermx.imap.server.message.Messages.str;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BODY[section] (RFC 3501 section 6.4.5). */
class ParsedMessageSectionTest {

    private static final String HEADER =
            "From: a@x.org\r\n"
                    + "Subject: folded\r\n"
                    + "  subject\r\n"
                    + "To: b@y.org\r\n"
                    + "Received: one\r\n"
                    + "received: two\r\n"
                    + "\r\n";
    private static final String RAW = HEADER + "Hello\r\nWorld\r\n";

    private final ParsedMessage m = ParsedMessage.parse(bytes(RAW));

    @Test
    void wholeHeaderAndText() {
        assertThat(str(m.section(""))).isEqualTo(RAW);
        assertThat(str(m.section("HEADER"))).isEqualTo(HEADER);
        assertThat(str(m.section("header"))).isEqualTo(HEADER);
        assertThat(str(m.section("TEXT"))).isEqualTo("Hello\r\nWorld\r\n");
    }

    @Test
    void headerFieldsKeepMessageOrderAndFolding() {
        assertThat(str(m.section("HEADER.FIELDS (received SUBJECT)")))
                .isEqualTo(
                        "Subject: folded\r\n  subject\r\nReceived: one\r\nreceived: two\r\n\r\n");
        assertThat(str(m.section("HEADER.FIELDS (\"To\" X-None)")))
                .isEqualTo("To: b@y.org\r\n\r\n");
        assertThat(str(m.section("HEADER.FIELDS (X-None)"))).isEqualTo("\r\n");
        assertThat(str(m.section("HEADER.FIELDS.NOT (Received Subject)")))
                .isEqualTo("From: a@x.org\r\nTo: b@y.org\r\n\r\n");
    }

    @Test
    void partOneOfASinglePartMessageIsItsBody() {
        assertThat(str(m.section("1"))).isEqualTo("Hello\r\nWorld\r\n");
        assertThat(m.section("2")).isEmpty();
        assertThat(m.section("1.1")).isEmpty();
        assertThat(m.section("1.TEXT")).isEmpty();
    }

    @Test
    void partsOfAMultipart() {
        String raw =
                "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n"
                        + "\r\n"
                        + "--=_b\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "\r\n"
                        + "first\r\n"
                        + "--=_b \t\r\n"
                        + "Content-Type: multipart/alternative; boundary=c\r\n"
                        + "\r\n"
                        + "--c\r\n"
                        + "\r\n"
                        + "inner\r\n"
                        + "--c--\r\n"
                        + "\r\n"
                        + "--=_b--\r\n";
        ParsedMessage p = ParsedMessage.parse(bytes(raw));

        assertThat(str(p.section("1"))).isEqualTo("first");
        assertThat(str(p.section("1.MIME"))).isEqualTo("Content-Type: text/plain\r\n\r\n");
        assertThat(str(p.section("2.1"))).isEqualTo("inner");
        assertThat(str(p.section("2"))).isEqualTo("--c\r\n\r\ninner\r\n--c--\r\n");
        assertThat(p.section("2.2")).isEmpty();
        assertThat(p.section("3")).isEmpty();
        assertThat(str(p.section("TEXT"))).startsWith("--=_b\r\n").endsWith("--=_b--\r\n");
    }

    @Test
    void needsBodyOnlyForBodySections() {
        assertThat(ParsedMessage.needsBody("HEADER")).isFalse();
        assertThat(ParsedMessage.needsBody("header.fields (From)")).isFalse();
        assertThat(ParsedMessage.needsBody("HEADER.FIELDS.NOT (From)")).isFalse();
        assertThat(ParsedMessage.needsBody("")).isTrue();
        assertThat(ParsedMessage.needsBody("TEXT")).isTrue();
        assertThat(ParsedMessage.needsBody("1")).isTrue();
        assertThat(ParsedMessage.needsBody("1.HEADER")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "1.",
                ".1",
                "1..2",
                "01",
                "MIME",
                "BODY",
                "1.FOO",
                "HEADER.FIELDS",
                "HEADER.FIELDS ()",
                "HEADER.FIELDS (From",
                "HEADER.FIELDS From",
                "HEADER.FIELDS (From) x",
                "HEADER.FIELDSX (From)",
                "TEXT ",
                "1234567890"
            })
    void malformedSpecsAreRejected(String spec) {
        assertThatThrownBy(() -> m.section(spec)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParsedMessage.needsBody(spec))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerOnlyParseServesHeaderSections() {
        ParsedMessage h = ParsedMessage.parse(bytes(HEADER));

        assertThat(h.headerOnly()).isTrue();
        assertThat(str(h.section("HEADER"))).isEqualTo(HEADER);
        assertThat(str(h.section("HEADER.FIELDS (To)"))).isEqualTo("To: b@y.org\r\n\r\n");
        assertThat(str(h.envelope())).contains("\"folded  subject\"");
        assertThatThrownBy(() -> h.section("TEXT")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.section("")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.bodyStructure(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(h::bodyText).isInstanceOf(IllegalStateException.class);
        assertThat(m.headerOnly()).isFalse();
    }

    @Test
    void wholeMessageWithEmptyBodyWhenSaidSo() {
        ParsedMessage e = ParsedMessage.parse(bytes(HEADER), false);

        assertThat(e.headerOnly()).isFalse();
        assertThat(e.section("TEXT")).isEmpty();
        assertThat(str(e.bodyStructure(false)))
                .isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 0 0)");
    }

    @Test
    void headerWithoutEmptyLineGetsOneInHeaderSections() {
        ParsedMessage h = ParsedMessage.parse(bytes("Subject: x\r\nTo: y@z"));

        assertThat(h.headerOnly()).isFalse();
        assertThat(str(h.section("HEADER"))).isEqualTo("Subject: x\r\nTo: y@z\r\n\r\n");
        assertThat(str(h.section("HEADER.FIELDS (to)"))).isEqualTo("To: y@z\r\n\r\n");
        assertThat(h.section("TEXT")).isEmpty();
    }

    @Test
    void aLineThatIsNoFieldStartsTheBody() {
        ParsedMessage p =
                ParsedMessage.parse(
                        bytes("Subject: x\r\nHello: world\r\nno field here\r\nmore\r\n"));

        assertThat(str(p.section("HEADER"))).isEqualTo("Subject: x\r\nHello: world\r\n\r\n");
        assertThat(str(p.section("TEXT"))).isEqualTo("no field here\r\nmore\r\n");
        assertThat(p.bodyText()).isEqualTo("no field here\r\nmore\r\n");
    }

    @Test
    void anMboxFromLineAtTheStartIsSkipped() {
        ParsedMessage p =
                ParsedMessage.parse(
                        bytes("From a@b.org  Fri Jul 19 15:05:54 2002\r\nSubject : x\r\n\r\nbody"));

        assertThat(p.headerValues("subject")).containsExactly("x");
        assertThat(str(p.section("TEXT"))).isEqualTo("body");
    }

    /** The message of the RFC 3501 section 6.4.5 example, part by part. */
    @Test
    void partNumbersOfTheRfcExample() {
        String inner3 =
                "Subject: three\r\nContent-Type: multipart/mixed; boundary=m3\r\n\r\n"
                        + "--m3\r\n\r\n3.1 text\r\n"
                        + "--m3\r\nContent-Type: application/octet-stream\r\n\r\n3.2 data\r\n"
                        + "--m3--\r\n";
        String inner42 =
                "Subject: four two\r\nContent-Type: multipart/mixed; boundary=m42\r\n\r\n"
                        + "--m42\r\n\r\n4.2.1 text\r\n"
                        + "--m42\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
                        + "--alt\r\n\r\n4.2.2.1 plain\r\n"
                        + "--alt\r\nContent-Type: text/richtext\r\n\r\n4.2.2.2 rich\r\n"
                        + "--alt--\r\n"
                        + "--m42--\r\n";
        String raw =
                "Subject: top\r\nContent-Type: MULTIPART/MIXED; boundary=top\r\n\r\n"
                        + "--top\r\nContent-Type: text/plain\r\n\r\n1 text\r\n"
                        + "--top\r\nContent-Type: application/octet-stream\r\n\r\n2 data\r\n"
                        + "--top\r\nContent-Type: message/rfc822\r\n\r\n"
                        + inner3
                        + "\r\n--top\r\nContent-Type: multipart/mixed; boundary=four\r\n\r\n"
                        + "--four\r\nContent-Type: image/gif\r\n\r\nGIF89a\r\n"
                        + "--four\r\nContent-Type: message/rfc822\r\n\r\n"
                        + inner42
                        + "\r\n--four--\r\n"
                        + "\r\n--top--\r\n";
        ParsedMessage p = ParsedMessage.parse(bytes(raw));

        assertThat(str(p.section("HEADER"))).startsWith("Subject: top\r\n");
        assertThat(str(p.section("TEXT"))).startsWith("--top\r\n");
        assertThat(str(p.section("1"))).isEqualTo("1 text");
        assertThat(str(p.section("2"))).isEqualTo("2 data");
        assertThat(str(p.section("3"))).isEqualTo(inner3);
        assertThat(str(p.section("3.HEADER")))
                .startsWith("Subject: three\r\n")
                .endsWith("\r\n\r\n");
        assertThat(str(p.section("3.TEXT"))).startsWith("--m3\r\n").endsWith("--m3--\r\n");
        assertThat(str(p.section("3.1"))).isEqualTo("3.1 text");
        assertThat(str(p.section("3.2"))).isEqualTo("3.2 data");
        assertThat(str(p.section("4"))).startsWith("--four\r\n").endsWith("--four--\r\n");
        assertThat(str(p.section("4.1"))).isEqualTo("GIF89a");
        assertThat(str(p.section("4.1.MIME"))).isEqualTo("Content-Type: image/gif\r\n\r\n");
        assertThat(str(p.section("4.2"))).isEqualTo(inner42);
        assertThat(str(p.section("4.2.HEADER"))).startsWith("Subject: four two\r\n");
        assertThat(str(p.section("4.2.TEXT"))).startsWith("--m42\r\n");
        assertThat(str(p.section("4.2.1"))).isEqualTo("4.2.1 text");
        assertThat(str(p.section("4.2.2")))
                .startsWith("--alt\r\n")
                .endsWith("--alt--"); // its CRLF leads "--m42--"
        assertThat(str(p.section("4.2.2.1"))).isEqualTo("4.2.2.1 plain");
        assertThat(str(p.section("4.2.2.2"))).isEqualTo("4.2.2.2 rich");
        assertThat(str(p.section("4.2.2.2.MIME"))).isEqualTo("Content-Type: text/richtext\r\n\r\n");
        assertThat(p.section("4.2.2.3")).isEmpty();
        assertThat(p.section("5")).isEmpty();
        assertThat(str(p.bodyStructure(false)))
                .contains("\"IMAGE\" \"GIF\"")
                .contains("\"RICHTEXT\"")
                .endsWith(" \"MIXED\") 18) \"MIXED\") \"MIXED\")");
    }
}
