package org.filtermx.infrastructure.filter.auth.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message as received, split into its header fields exactly as written (folding kept, which
 * "simple" canonicalization needs) and its body bytes.
 *
 * <p>Header text is decoded as ISO-8859-1 so that every octet maps to one char and back, leaving
 * 8-bit header bytes intact for hashing.
 */
record RawMessage(List<Field> fields, byte[] body) {

    /**
     * One header field as written: {@code text} runs from the name to the end of the last
     * continuation line, without the final CRLF.
     */
    record Field(String name, String text) {

        /** What follows the colon, folding included. */
        String value() {
            return text.substring(text.indexOf(':') + 1);
        }
    }

    static RawMessage parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.startsWith("\r\n") ? 0 : text.indexOf("\r\n\r\n");
        int bodyStart = end < 0 ? raw.length : end + (end == 0 ? 2 : 4);
        String header = end < 0 ? text : text.substring(0, end);
        List<Field> fields = new ArrayList<>();
        for (String line : header.split("\r\n")) {
            boolean continuation =
                    !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && !fields.isEmpty()) {
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), last.text() + "\r\n" + line));
            } else if (line.indexOf(':') > 0) {
                fields.add(new Field(line.substring(0, line.indexOf(':')).strip(), line));
            }
        }
        return new RawMessage(List.copyOf(fields), Arrays.copyOfRange(raw, bodyStart, raw.length));
    }
}
