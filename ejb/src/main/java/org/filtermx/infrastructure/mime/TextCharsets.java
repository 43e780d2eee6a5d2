package org.filtermx.infrastructure.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Turns declared charset labels and undeclared 8-bit bytes into text without ever failing, since
 * spam routinely names charsets that do not exist.
 */
final class TextCharsets {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextCharsets() {}

    /**
     * The charset a label names, ISO-8859-1 when the label is missing or unknown; US-ASCII and
     * ISO-8859-1 labels read as windows-1252, as the WHATWG Encoding Standard has browsers do,
     * because such text so often carries 8-bit punctuation.
     */
    static Charset forLabel(String label) {
        if (label == null || label.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        String name = LowerCase.of(label.strip().replace("\"", ""));
        try {
            Charset charset = Charset.forName(name);
            if (charset.equals(StandardCharsets.US_ASCII)
                    || charset.equals(StandardCharsets.ISO_8859_1)) {
                return WINDOWS_1252;
            }
            return charset;
        } catch (IllegalArgumentException unknownOrIllegal) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * Bytes of undeclared charset (raw header fields, RFC 6532 allows UTF-8 there) as UTF-8 when
     * they are valid UTF-8, otherwise as ISO-8859-1 so no byte is lost.
     */
    static String utf8OrLatin1(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }
}
