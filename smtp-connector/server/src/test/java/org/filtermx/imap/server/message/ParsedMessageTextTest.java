package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.message.Messages.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bodyText() for SEARCH BODY and TEXT. */
class ParsedMessageTextTest {

    @Test
    void decodesTransferEncodingsAndCharsets() {
        String raw =
                "Content-Type: multipart/mixed; boundary=b\r\n"
                        + "\r\n"
                        + "--b\r\n"
                        + "Content-Type: text/plain; charset=iso-8859-1\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n"
                        + "\r\n"
                        + "caf=E9 soft=\r\nbreak\r\n"
                        + "--b\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "\r\n"
                        + "w6l0\r\nw6k=\r\n"
                        + "--b\r\n"
                        + "Content-Type: image/png\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "\r\n"
                        + "iVBORw0KGgo=\r\n"
                        + "--b\r\n"
                        + "Content-Type: text/plain; charset=no-such-charset\r\n"
                        + "\r\n"
                        + "plain \u00c3\u00a9\r\n"
                        + "--b--\r\n";
        ParsedMessage m = ParsedMessage.parse(raw.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(m.bodyText()).isEqualTo("caf\u00e9 softbreak\n\u00e9t\u00e9\nplain \u00e9");
    }

    @Test
    void isCapped() {
        String raw = "Subject: big\r\n\r\n" + "a".repeat(ParsedMessage.MAX_BODY_TEXT + 10);

        assertThat(ParsedMessage.parse(bytes(raw)).bodyText()).hasSize(ParsedMessage.MAX_BODY_TEXT);
    }
}
