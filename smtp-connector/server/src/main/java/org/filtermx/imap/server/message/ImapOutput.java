package org.filtermx.imap.server.message;

import java.nio.charset.StandardCharsets;

/**
 * Writes IMAP data items (RFC 3501 section 4): NIL, numbers, and strings as quoted strings when
 * they are 7-bit without CR, LF or NUL, else as literals. Strings hold one char per raw byte
 * (ISO-8859-1), so 8-bit header bytes go out unchanged inside a literal.
 */
final class ImapOutput {

    private final ByteSink out = new ByteSink();

    ImapOutput open() {
        out.write('(');
        return this;
    }

    ImapOutput close() {
        out.write(')');
        return this;
    }

    ImapOutput sp() {
        out.write(' ');
        return this;
    }

    ImapOutput nil() {
        out.ascii("NIL");
        return this;
    }

    ImapOutput number(long n) {
        out.ascii(Long.toString(n));
        return this;
    }

    /** A string, or NIL for null (RFC 3501 nstring). */
    ImapOutput nstring(String s) {
        return s == null ? nil() : string(s);
    }

    /**
     * RFC 3501 section 4.3: quoted when safe, else a literal (NUL bytes dropped: never allowed).
     */
    ImapOutput string(String s) {
        boolean quotable = s.length() <= 1024;
        boolean hasNul = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                hasNul = true;
                quotable = false;
            } else if (c > 0x7f || c == '\r' || c == '\n') {
                quotable = false;
            }
        }
        if (quotable) {
            out.write('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.write('\\');
                }
                out.write(c);
            }
            out.write('"');
            return this;
        }
        String body = hasNul ? s.replace("\0", "") : s;
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        out.ascii("{" + b.length + "}\r\n");
        out.write(b, 0, b.length);
        return this;
    }

    /** Bytes already in IMAP syntax. */
    ImapOutput raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
