package org.filtermx.infrastructure.filter.auth.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The two DKIM canonicalization algorithms (RFC 6376 section 3.4), for header fields and body,
 * which decide what changes in transit a signature survives.
 */
enum Canonicalization {
    SIMPLE,
    RELAXED;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    static Canonicalization of(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "simple":
                return SIMPLE;
            case "relaxed":
                return RELAXED;
            default:
                throw new IllegalArgumentException("unknown canonicalization " + name);
        }
    }

    /**
     * One header field canonicalized and ended with CRLF. Sections 3.4.1 (simple: unchanged) and
     * 3.4.2 (relaxed: lower-case name, unfolded, whitespace runs to one space, none around the
     * colon or at the end).
     */
    String header(String field) {
        if (this == SIMPLE) {
            return field + "\r\n";
        }
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value =
                field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \\t]+", " ").strip();
        return name + ":" + value + "\r\n";
    }

    /** The canonical body: sections 3.4.3 (simple) and 3.4.4 (relaxed). */
    byte[] body(byte[] body) {
        return this == SIMPLE ? simpleBody(body) : relaxedBody(body);
    }

    /** Trailing empty lines go; the result always ends in exactly one CRLF. */
    private static byte[] simpleBody(byte[] body) {
        int end = body.length;
        while (end >= 2 && body[end - 2] == CR && body[end - 1] == LF) {
            end -= 2;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end + 2);
        out.write(body, 0, end);
        out.write(CR);
        out.write(LF);
        return out.toByteArray();
    }

    /**
     * Per line, whitespace runs become one space and trailing whitespace goes; trailing empty lines
     * go; an empty body stays empty (erratum 1384).
     */
    private static byte[] relaxedBody(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        int pendingEmptyLines = 0;
        int start = 0;
        while (start < body.length) {
            int end = lineEnd(body, start);
            byte[] line = relaxedLine(body, start, end);
            if (line.length == 0) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.write(CR);
                    out.write(LF);
                }
                out.writeBytes(line);
                out.write(CR);
                out.write(LF);
            }
            start = end + 2;
        }
        return out.toByteArray();
    }

    /** Index of the CRLF ending the line that starts at {@code start}, or the body's end. */
    private static int lineEnd(byte[] body, int start) {
        for (int i = start; i + 1 < body.length; i++) {
            if (body[i] == CR && body[i + 1] == LF) {
                return i;
            }
        }
        return body.length;
    }

    private static byte[] relaxedLine(byte[] body, int start, int end) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == ' ' || b == '\t') {
                space = true;
            } else {
                if (space) {
                    line.write(' ');
                    space = false;
                }
                line.write(b);
            }
        }
        return line.toByteArray();
    }
}
