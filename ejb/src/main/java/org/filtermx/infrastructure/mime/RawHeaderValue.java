package org.filtermx.infrastructure.mime;

import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Reads a header field's value from its received bytes, unfolded but otherwise as sent, because
 * Mime4j's own {@code getBody()} reads bytes as US-ASCII and would lose 8-bit text.
 */
final class RawHeaderValue {

    private RawHeaderValue() {}

    /**
     * The value after the colon with folding removed (RFC 5322 section 2.2.3: a CRLF immediately
     * followed by white space is deleted) and surrounding white space stripped.
     */
    static String of(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw == null) {
            return field.getBody() == null ? "" : field.getBody().strip();
        }
        byte[] bytes = raw.toByteArray();
        int colon = 0;
        while (colon < bytes.length && bytes[colon] != ':') {
            colon++;
        }
        int start = Math.min(colon + 1, bytes.length);
        return unfold(TextCharsets.utf8OrLatin1(bytes, start, bytes.length - start));
    }

    static String unfold(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            out.append(c);
        }
        return out.toString().strip();
    }
}
