package org.filtermx.infrastructure.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields of a message with CRLF line ends, each with its folds and without its final
 * CRLF, and where the body starts (RFC 5322 section 2.2.3); one pass, octets kept as they are
 * (ISO-8859-1 maps each octet to one char and back).
 */
record MessageHeader(List<String> fields, int bodyStart) {

    static MessageHeader parse(byte[] message) {
        List<String> fields = new ArrayList<>();
        int pos = 0;
        int fieldStart = -1;
        int fieldEnd = -1;
        while (pos < message.length) {
            int end = lineEnd(message, pos);
            if (end == pos) {
                // The empty line: the body follows it.
                close(message, fieldStart, fieldEnd, fields);
                return new MessageHeader(fields, Math.min(message.length, end + 2));
            }
            boolean continuation = message[pos] == ' ' || message[pos] == '\t';
            if (!continuation || fieldStart < 0) {
                close(message, fieldStart, fieldEnd, fields);
                fieldStart = pos;
            }
            fieldEnd = end;
            pos = end + 2;
        }
        close(message, fieldStart, fieldEnd, fields);
        return new MessageHeader(fields, message.length);
    }

    private static void close(byte[] message, int start, int end, List<String> fields) {
        if (start >= 0 && end > start) {
            fields.add(new String(message, start, end - start, StandardCharsets.ISO_8859_1));
        }
    }

    /** Index of the CRLF ending the line at {@code start}, or the message's end. */
    private static int lineEnd(byte[] message, int start) {
        for (int i = start; i + 1 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n') {
                return i;
            }
        }
        return message.length;
    }
}
