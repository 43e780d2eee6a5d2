package org.filtermx.application.internal.quarantine;

import java.io.ByteArrayOutputStream;
import org.filtermx.application.internal.intake.HeaderSummary;

/**
 * Removes the {@code Bcc} and {@code Resent-Bcc} fields (RFC 5322 sections 3.6.3 and 3.6.6) from a
 * message's header section, continuation lines included, before an email user sees the raw message:
 * some clients send the blind-copy list along, and no recipient may learn it from FilterMX. One
 * linear pass over the header section; the body is copied as it is.
 */
public final class BlindCopyFields {

    private BlindCopyFields() {}

    public static byte[] remove(byte[] message) {
        int end = HeaderSummary.headerEnd(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        boolean dropping = false;
        int lineStart = 0;
        while (lineStart < end) {
            int lineEnd = lineEnd(message, lineStart, end);
            boolean continuation = message[lineStart] == ' ' || message[lineStart] == '\t';
            if (!continuation) {
                dropping = blindCopy(message, lineStart, lineEnd);
            }
            if (!dropping) {
                out.write(message, lineStart, lineEnd - lineStart);
            }
            lineStart = lineEnd;
        }
        out.write(message, end, message.length - end);
        return out.size() == message.length ? message : out.toByteArray();
    }

    /** Index just past the LF that ends the line starting at {@code from}. */
    private static int lineEnd(byte[] m, int from, int end) {
        for (int i = from; i < end; i++) {
            if (m[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    /**
     * Whether the field on this line is named Bcc or Resent-Bcc (spaces before the colon allowed,
     * RFC 5322 section 4.5).
     */
    private static boolean blindCopy(byte[] m, int from, int to) {
        int colon = -1;
        for (int i = from; i < to && i - from <= 16; i++) {
            if (m[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return false;
        }
        int nameEnd = colon;
        while (nameEnd > from && (m[nameEnd - 1] == ' ' || m[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        String name =
                new String(m, from, nameEnd - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        return name.equalsIgnoreCase("bcc") || name.equalsIgnoreCase("resent-bcc");
    }
}
