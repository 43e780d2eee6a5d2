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
}
