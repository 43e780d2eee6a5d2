package org.filtermx.infrastructure.dkim;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * The "relaxed" canonicalization of RFC 6376 section 3.4.2 (header fields) and 3.4.4 (body), in one
 * pass over the bytes without regular expressions, so that signing costs time linear in the message
 * size whatever its content. The verifier ({@code filter.auth.dkim}) uses it too, so that a message
 * signed here verifies there by construction.
 */
public final class RelaxedCanonicalization {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private RelaxedCanonicalization() {}

    /**
     * One header field, relaxed (section 3.4.2): the name in lower case without whitespace before
     * the colon, the value unfolded, whitespace runs as one space, none after the colon or at the
     * end; ended with CRLF.
     *
     * @param field the whole field as it appears in the message, folds included, without the final
     *     CRLF
     */
    public static String header(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a header field without a colon");
        }
        StringBuilder out = new StringBuilder(field.length() + 2);
        int nameEnd = colon;
        while (nameEnd > 0 && isWsp(field.charAt(nameEnd - 1))) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            char c = field.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        out.append(':');
        boolean space = false;
        boolean started = false;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // unfolding: the CRLF goes, the whitespace after it stays (as a space)
            }
            if (isWsp(c)) {
                space = started;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
                started = true;
            }
        }
        return out.append("\r\n").toString();
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    /** The relaxed canonical form of a whole body (section 3.4.4). */
    public static byte[] body(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        Body canonical = new Body(out::write);
        canonical.update(body, 0, body.length);
        canonical.finish();
        return out.toByteArray();
    }

    /** Where canonical body bytes go (a digest, or a buffer). */
    interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    /** The body hash {@code bh=}: SHA-256 of the relaxed canonical body. */
    static byte[] bodyHash(byte[] message, int bodyStart) {
        MessageDigest sha256 = DkimSignatures.sha256();
        Body canonical = new Body(sha256::update);
        canonical.update(message, bodyStart, message.length - bodyStart);
        canonical.finish();
        return sha256.digest();
    }

    /**
     * The body canonicalizer as a state machine over chunks: per line, whitespace runs become one
     * space and trailing whitespace goes; empty lines are held back until a line with content
     * follows, so trailing empty lines vanish; a non-empty body ends with exactly one CRLF, an
     * empty one stays empty (erratum 1384). A CR not followed by LF is an ordinary character.
     */
    static final class Body {
        private static final byte[] CRLF = {CR, LF};
        private static final byte[] SPACE = {' '};

        private final Sink sink;
        private final byte[] one = new byte[1];
        private boolean space;
        private boolean pendingCr;
        private boolean lineHasContent;
        private boolean anyContent;
        private long heldLineEnds;

        Body(Sink sink) {
            this.sink = sink;
        }

        void update(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                byte b = bytes[i];
                if (pendingCr) {
                    pendingCr = false;
                    if (b == LF) {
                        endLine();
                        continue;
                    }
                    content(CR);
                }
                if (b == CR) {
                    pendingCr = true;
                } else if (b == ' ' || b == '\t') {
                    space = true;
                } else {
                    content(b);
                }
            }
        }

        void finish() {
            if (pendingCr) {
                pendingCr = false;
                content(CR);
            }
            if (lineHasContent) {
                endLine();
            }
            if (anyContent) {
                // Only the line end after the last line with content stays.
                sink.write(CRLF, 0, 2);
            }
        }

        private void content(byte b) {
            while (heldLineEnds > 0) {
                sink.write(CRLF, 0, 2);
                heldLineEnds--;
            }
            if (space) {
                sink.write(SPACE, 0, 1);
                space = false;
            }
            one[0] = b;
            sink.write(one, 0, 1);
            lineHasContent = true;
            anyContent = true;
        }

        private void endLine() {
            space = false; // trailing whitespace goes
            lineHasContent = false;
            heldLineEnds++;
        }
    }
}
