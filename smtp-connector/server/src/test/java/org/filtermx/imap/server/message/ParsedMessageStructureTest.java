package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.message.Messages.body;
import static org.filtermx.imap.server.message.Messages.bytes;
import static org.filtermx.imap.server.message.Messages.str;

import org.junit.jupiter.api.Test;

/** BODY and BODYSTRUCTURE, RFC 3501 section 7.4.2. */
class ParsedMessageStructureTest {

    private static final String HEADER =
            "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
                    + "From: Terry Gray <gray@cac.washington.edu>\r\n"
                    + "Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
                    + "To: imap@cac.washington.edu\r\n"
                    + "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
                    + "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
                    + "MIME-Version: 1.0\r\n";

    @Test
    void bodyOfTheRfcTextExample() {
        ParsedMessage m =
                ParsedMessage.parse(
                        bytes(
                                HEADER
                                        + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n"
                                        + body(3028, 92)));

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)");
        assertThat(str(m.bodyStructure(true)))
                .isEqualTo(
                        "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92"
                                + " NIL NIL NIL NIL)");
    }

    @Test
    void defaultContentTypeIsUsAsciiText() {
        ParsedMessage m = ParsedMessage.parse(bytes(HEADER + "\r\nhello\r\n"));

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 7 1)");
    }

    @Test
    void bodyOfTheRfcMultipartExample() {
        String raw =
                HEADER
                        + "Content-Type: MULTIPART/MIXED; BOUNDARY=\"b1\"\r\n"
                        + "\r\n"
                        + "preamble\r\n"
                        + "--b1\r\n"
                        + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
                        + "\r\n"
                        + body(1152, 23)
                        + "\r\n--b1\r\n"
                        + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII; NAME=cc.diff\r\n"
                        + "Content-ID: <960723163407.20117h@cac.washington.edu>\r\n"
                        + "Content-Description: Compiler diff\r\n"
                        + "Content-Transfer-Encoding: BASE64\r\n"
                        + "\r\n"
                        + body(4554, 73)
                        + "\r\n--b1--\r\n"
                        + "epilogue\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152"
                                + " 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\""
                                + " \"cc.diff\") \"<960723163407.20117h@cac.washington.edu>\""
                                + " \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")");
        assertThat(str(m.bodyStructure(true)))
                .endsWith("73 NIL NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL)");
    }

    @Test
    void extensionDataCarriesDispositionLanguageAndLocation() {
        String raw =
                "Content-Type: multipart/mixed; boundary=xx\r\n"
                        + "Content-Language: en, de\r\n"
                        + "\r\n"
                        + "--xx\r\n"
                        + "Content-Type: application/pdf; name=\"a b.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"a b.pdf\"\r\n"
                        + "Content-Language: fr\r\n"
                        + "Content-Location: http://example.com/a.pdf\r\n"
                        + "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "\r\n"
                        + "QUJD\r\n"
                        + "--xx--\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.bodyStructure(true)))
                .isEqualTo(
                        "((\"APPLICATION\" \"PDF\" (\"NAME\" \"a b.pdf\") NIL NIL \"BASE64\" 4"
                                + " \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"ATTACHMENT\" (\"FILENAME\" \"a"
                                + " b.pdf\")) \"fr\" \"http://example.com/a.pdf\") \"MIXED\""
                                + " (\"BOUNDARY\" \"xx\") NIL (\"en\" \"de\") NIL)");
        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "((\"APPLICATION\" \"PDF\" (\"NAME\" \"a b.pdf\") NIL NIL \"BASE64\" 4)"
                                + " \"MIXED\")");
    }

    @Test
    void nestedMessageCarriesItsEnvelopeAndStructure() {
        String inner =
                "From: inner@example.org\r\n"
                        + "Subject: inner\r\n"
                        + "Content-Type: multipart/alternative; boundary=in\r\n"
                        + "\r\n"
                        + "--in\r\n"
                        + "\r\n"
                        + "plain\r\n"
                        + "--in\r\n"
                        + "Content-Type: text/html\r\n"
                        + "\r\n"
                        + "<p>html</p>\r\n"
                        + "--in--\r\n";
        String raw =
                "From: outer@example.org\r\n"
                        + "Content-Type: multipart/mixed; boundary=out\r\n"
                        + "\r\n"
                        + "--out\r\n"
                        + "\r\n"
                        + "see attached\r\n"
                        + "--out\r\n"
                        + "Content-Type: message/rfc822\r\n"
                        + "\r\n"
                        + inner
                        + "\r\n--out--\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        int innerLines = inner.split("\n", -1).length - 1;
        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 12 1)"
                                + "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" "
                                + inner.length()
                                + " (NIL \"inner\" ((NIL NIL \"inner\" \"example.org\"))"
                                + " ((NIL NIL \"inner\" \"example.org\"))"
                                + " ((NIL NIL \"inner\" \"example.org\")) NIL NIL NIL NIL NIL)"
                                + " ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL"
                                + " \"7BIT\" 5 1)(\"TEXT\" \"HTML\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 11 1)"
                                + " \"ALTERNATIVE\") "
                                + innerLines
                                + ") \"MIXED\")");
        assertThat(str(m.section("2"))).isEqualTo(inner);
        assertThat(str(m.section("2.HEADER"))).startsWith("From: inner@").endsWith("in\r\n\r\n");
        assertThat(str(m.section("2.TEXT"))).startsWith("--in\r\n").endsWith("--in--\r\n");
        assertThat(str(m.section("2.MIME"))).isEqualTo("Content-Type: message/rfc822\r\n\r\n");
        assertThat(str(m.section("2.1"))).isEqualTo("plain");
        assertThat(str(m.section("2.2"))).isEqualTo("<p>html</p>");
        assertThat(str(m.section("2.2.MIME"))).isEqualTo("Content-Type: text/html\r\n\r\n");
        assertThat(str(m.section("2.HEADER.FIELDS (subject)"))).isEqualTo("Subject: inner\r\n\r\n");
        assertThat(str(m.section("1"))).isEqualTo("see attached");
        assertThat(m.section("3")).isEmpty();
        assertThat(m.section("1.HEADER")).isEmpty();
        assertThat(m.section("2.3")).isEmpty();
        assertThat(m.bodyText()).isEqualTo("see attached\nplain\n<p>html</p>");
    }

    @Test
    void digestPartsDefaultToMessages() {
        String raw =
                "Content-Type: multipart/digest; boundary=d\r\n"
                        + "\r\n"
                        + "--d\r\n"
                        + "\r\n"
                        + "Subject: one\r\n"
                        + "\r\n"
                        + "body one\r\n"
                        + "--d--\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.bodyStructure(false)))
                .startsWith("((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 24 (NIL \"one\" NIL")
                .endsWith(" \"DIGEST\")");
        assertThat(str(m.section("1.1"))).isEqualTo("body one");
    }

    @Test
    void bareLineFeedsAreTolerated() {
        String raw =
                "Subject: lf\n"
                        + "Content-Type: multipart/mixed; boundary=b\n"
                        + "\n"
                        + "--b\n"
                        + "Content-Type: text/plain; charset=utf-8\n"
                        + "\n"
                        + "one\ntwo\n"
                        + "--b--\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 7 2)"
                                + " \"MIXED\")");
        assertThat(str(m.section("1"))).isEqualTo("one\ntwo");
        assertThat(str(m.section("HEADER.FIELDS (SUBJECT)"))).isEqualTo("Subject: lf\n\r\n");
    }

    @Test
    void eightBitParameterValuesGoOutAsLiterals() {
        byte[] raw = bytes("Content-Type: text/plain; name=\"caf\u00e9\"\r\n\r\nx\r\n");
        ParsedMessage m = ParsedMessage.parse(raw);

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "(\"TEXT\" \"PLAIN\" (\"NAME\" {4}\r\ncaf\u00e9 \"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 3 1)");
    }

    @Test
    void rfc2231ContinuationsAreJoined() {
        String raw =
                "Content-Type: application/octet-stream; name*0=\"long \"; name*1=\"name.txt\";\r\n"
                        + " x=1\r\n"
                        + "Content-Disposition: attachment;\r\n"
                        + " filename*0*=utf-8'en'%E2%82%AC; filename*1=\" rate\"; filename*3=gap;\r\n"
                        + " size*=us-ascii''5\r\n"
                        + "\r\n"
                        + "x\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.bodyStructure(true)))
                .isEqualTo(
                        "(\"APPLICATION\" \"OCTET-STREAM\" (\"NAME\" \"long name.txt\" \"X\" \"1\")"
                                + " NIL NIL \"7BIT\" 3 NIL (\"ATTACHMENT\" (\"FILENAME*\""
                                + " \"utf-8'en'%E2%82%AC%20rate\" \"SIZE*\" \"us-ascii''5\")) NIL NIL)");
    }

    @Test
    void encodedEnclosedMessageIsOpaque() {
        String raw =
                "Content-Type: message/rfc822\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "\r\n"
                        + "U3ViamVjdDogeA0KDQpi\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo("(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 22)");
        assertThat(m.section("1.HEADER")).isEmpty();
    }

    @Test
    void eightBitTypeNamesStayBytes() {
        ParsedMessage m =
                ParsedMessage.parse(bytes("Content-Type: image/\u00ff\u00b5; \u00e9=1\r\n\r\nx"));

        assertThat(str(m.bodyStructure(false)))
                .isEqualTo(
                        "(\"IMAGE\" {2}\r\n\u00ff\u00b5 ({1}\r\n\u00e9 \"1\") NIL NIL \"7BIT\" 1)");
    }
}
