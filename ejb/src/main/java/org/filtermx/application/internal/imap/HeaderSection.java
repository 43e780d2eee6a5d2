package org.filtermx.application.internal.imap;

import java.util.Arrays;

/**
 * The header section of a message up to and including the empty line that ends it (RFC 5322 section
 * 2.1, RFC 3501 section 6.4.5 {@code BODY[HEADER]}): a linear scan for the first CRLF CRLF. A
 * message without a body is all header.
 */
final class HeaderSection {

    private HeaderSection() {}

    static byte[] of(byte[] message) {
        int end = end(message);
        return end == message.length ? message : Arrays.copyOf(message, end);
    }

    /** Index just past the empty line, or the message's length when there is none. */
    static int end(byte[] m) {
        int end = find(m);
        return end < 0 ? m.length : end;
    }

    /** Index just past the empty line, or -1 when {@code m} holds none. */
    static int find(byte[] m) {
        if (m.length >= 2 && m[0] == '\r' && m[1] == '\n') {
            return 2;
        }
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}
