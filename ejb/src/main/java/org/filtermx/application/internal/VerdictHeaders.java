package org.filtermx.application.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.filtermx.domain.model.filter.Verdict;

/**
 * The verdict header fields FilterMX adds to the mail it passes on, and the removal of any such
 * fields a sender put in, so that nobody can forge a verdict the destination might trust.
 */
final class VerdictHeaders {

    static final String PREFIX = "x-filtermx-";

    private VerdictHeaders() {}

    /** The fields to prepend: verdict, score, and the reasons folded to short lines. */
    static byte[] of(Verdict verdict) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("X-FilterMX-Verdict: ").append(verdict.action().name().toLowerCase(Locale.ROOT)).append("\r\n");
        sb.append("X-FilterMX-Score: ").append(verdict.formattedScore()).append("\r\n");
        String summary = verdict.summary();
        if (!summary.isEmpty()) {
            sb.append("X-FilterMX-Reasons:");
            int lineLength = 19;
            for (String part : summary.split(", ")) {
                String ascii = part.replaceAll("[^\\x20-\\x7e]", "?");
                if (lineLength + ascii.length() + 2 > 76) {
                    sb.append("\r\n\t");
                    lineLength = 1;
                } else {
                    sb.append(' ');
                }
                sb.append(ascii).append(',');
                lineLength += ascii.length() + 2;
            }
            sb.setLength(sb.length() - 1);
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The message without any X-FilterMX-* header fields (continuation lines included). */
    static byte[] strip(byte[] message) {
        int end = HeaderSummary.headerEnd(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        boolean dropping = false;
        int lineStart = 0;
        while (lineStart < end) {
            int lineEnd = indexOfCrlf(message, lineStart, end);
            boolean continuation = message[lineStart] == ' ' || message[lineStart] == '\t';
            if (!continuation) {
                dropping = startsWithIgnoreCase(message, lineStart, PREFIX);
            }
            if (!dropping) {
                out.write(message, lineStart, lineEnd - lineStart);
            }
            lineStart = lineEnd;
        }
        out.write(message, end, message.length - end);
        return out.size() == message.length ? message : out.toByteArray();
    }

    /** Index just past the CRLF that ends the line starting at {@code from}. */
    private static int indexOfCrlf(byte[] m, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n') {
                return i + 2;
            }
        }
        return end;
    }

    private static boolean startsWithIgnoreCase(byte[] m, int at, String prefix) {
        if (at + prefix.length() > m.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) m[at + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
