package org.filtermx.infrastructure.filter.auth.dkim;

import java.io.ByteArrayOutputStream;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.dkim.RelaxedCanonicalization;

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
        switch (LowerCase.of(name.strip())) {
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
     * 3.4.2 (relaxed: the signer's linear scan, {@link RelaxedCanonicalization}).
     */
    String header(String field) {
        return this == SIMPLE ? field + "\r\n" : RelaxedCanonicalization.header(field);
    }

    /** The canonical body: sections 3.4.3 (simple) and 3.4.4 (relaxed). */
    byte[] body(byte[] body) {
        return this == SIMPLE ? simpleBody(body) : RelaxedCanonicalization.body(body);
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
}
