package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.message.Messages.bytes;
import static org.filtermx.imap.server.message.Messages.str;

import org.junit.jupiter.api.Test;

/** The decoders and writers under ParsedMessage. */
class MessagePrimitivesTest {

    @Test
    void quotedPrintableIsLenient() {
        byte[] in = bytes("a=3Db=\r\nc=  \r\nd=ZZ=4=\n=e9 end=");
        assertThat(str(TransferDecoding.quotedPrintable(in, 0, in.length)))
                .isEqualTo("a=bcd=ZZ=4\u00e9 end");
    }

    @Test
    void base64SkipsNoiseAndRestartsAfterPadding() {
        assertThat(str(TransferDecoding.base64(bytes("SGVs\r\nbG8*!")))).isEqualTo("Hello");
        assertThat(str(TransferDecoding.base64(bytes("SGk=SGk=")))).isEqualTo("HiHi");
        assertThat(str(TransferDecoding.base64(bytes("SGk==\r\n=")))).isEqualTo("Hi");
        assertThat(str(TransferDecoding.base64(bytes("SGk")))).isEqualTo("Hi");
    }

    @Test
    void qEncodingTurnsUnderscoresIntoSpaces() {
        assertThat(str(TransferDecoding.qEncoding("a_b=5Fc=2"))).isEqualTo("a b_c=2");
    }

    @Test
    void encodedWordsNeedTheirWholeSyntax() {
        assertThat(EncodedWords.decode("=?utf-8?X?abc?= =??q?a?= =?utf-8?q?ok?="))
                .isEqualTo("=?utf-8?X?abc?= =??q?a?= ok");
        assertThat(EncodedWords.decode("a =?utf-8?q?x?=  =?utf-8?q?y?= b =?utf-8?q?z?="))
                .isEqualTo("a xy b z");
        assertThat(EncodedWords.decode("=?utf-8*en?q?lang?=")).isEqualTo("lang");
        // "été" with its first character split across two words, then another charset.
        assertThat(
                        EncodedWords.decode(
                                "=?UTF-8?B?w6l0w6k=?=\t=?UTF-8?Q?=C3?= =?utf-8?q?=A9?="
                                        + " =?iso-8859-1?q?=E9?= tail"))
                .isEqualTo("\u00e9t\u00e9\u00e9\u00e9 tail");
        assertThat(EncodedWords.decode("=?utf-8?q?unterminated"))
                .isEqualTo("=?utf-8?q?unterminated");
    }

    @Test
    void imapStringsAreQuotedOrLiteral() {
        assertThat(str(new ImapOutput().string("a\"b\\c").toByteArray()))
                .isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(str(new ImapOutput().string("a\r\nb").toByteArray())).isEqualTo("{4}\r\na\r\nb");
        assertThat(str(new ImapOutput().string("n\0ul").toByteArray())).isEqualTo("{3}\r\nnul");
        assertThat(str(new ImapOutput().nstring(null).toByteArray())).isEqualTo("NIL");
        assertThat(str(new ImapOutput().string("").toByteArray())).isEqualTo("\"\"");
    }

    @Test
    void parameterSegmentsAreRecognised() {
        assertThat(ParameterContinuations.segment("name*0")).isZero();
        assertThat(ParameterContinuations.segment("name*12*")).isEqualTo(12);
        assertThat(ParameterContinuations.segment("name*")).isEqualTo(-1);
        assertThat(ParameterContinuations.segment("name")).isEqualTo(-1);
        assertThat(ParameterContinuations.segment("name*x")).isEqualTo(-1);
    }

    @Test
    void contentTypeSkipsCommentsAndGarbage() {
        MimeValue v =
                MimeValue.parse(
                        "Text/HTML (a comment) ; junk; charset = \"utf-8\" (c); ;=x; b=\"un", true);
        assertThat(v.type()).isEqualTo("text");
        assertThat(v.subtype()).isEqualTo("html");
        assertThat(v.param("CHARSET")).isEqualTo("utf-8");
        assertThat(v.param("b")).isEqualTo("un");
        assertThat(v.params()).hasSize(2);
    }
}
