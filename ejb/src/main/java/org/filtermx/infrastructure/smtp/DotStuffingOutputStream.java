package org.filtermx.infrastructure.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes message bytes for the SMTP DATA phase: dot-stuffing (RFC 5321 section 4.5.2), CRLF as the
 * only line end, and the closing {@code CRLF.CRLF}.
 *
 * <p>Stored messages were received with strict CRLF, so they never contain a bare CR or LF and pass
 * through unchanged. Should one slip in anyway, a bare CR or bare LF is written as CRLF: RFC 5321
 * section 2.3.8 forbids them on the wire, and sending them would let the next hop read line ends
 * differently from us (SMTP smuggling). A CR directly followed by LF is one line end.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] END_OF_DATA = {DOT, CR, LF};

    private boolean atLineStart = true;
    private boolean pendingCr;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        byte octet = (byte) b;
        if (pendingCr) {
            pendingCr = false;
            out.write(CRLF);
            atLineStart = true;
            if (octet == LF) {
                return;
            }
        }
        if (octet == CR) {
            pendingCr = true;
        } else if (octet == LF) {
            out.write(CRLF);
            atLineStart = true;
        } else {
            if (atLineStart && octet == DOT) {
                out.write(DOT);
            }
            out.write(octet);
            atLineStart = false;
        }
    }

    /**
     * Writes runs of ordinary bytes in one call each; only line ends and a dot at the start of a
     * line go through {@link #write(int)}. The output is the same as writing byte by byte.
     */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            byte octet = bytes[i];
            if (pendingCr || octet == CR || octet == LF || (atLineStart && octet == DOT)) {
                write(octet);
                i++;
                continue;
            }
            int run = i + 1;
            while (run < end && bytes[run] != CR && bytes[run] != LF) {
                run++;
            }
            out.write(bytes, i, run - i);
            atLineStart = false;
            i = run;
        }
    }

    /**
     * Ends the data with {@code .CRLF}, first ending an unterminated last line with CRLF so the dot
     * stands alone on its line (RFC 5321 section 4.1.1.4), then flushes. Does not close.
     */
    void finish() throws IOException {
        if (pendingCr || !atLineStart) {
            out.write(CRLF);
        }
        pendingCr = false;
        atLineStart = true;
        out.write(END_OF_DATA);
        out.flush();
    }

    /** Leaves the underlying connection open; the session ends it with QUIT. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
