package org.filtermx.application.internal.filtering;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The verdict header fields FilterMX adds to the mail it passes on, and the removal of any such
 * fields a sender put in, so that nobody can forge a verdict the destination might trust.
 */
public final class VerdictHeaders {

    static final String PREFIX = "x-filtermx-";

    private VerdictHeaders() {}

    /** The fields to prepend: verdict, score, and the reasons folded to short lines. */
    public static byte[] of(Verdict verdict) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("X-FilterMX-Verdict: ")
                .append(LowerCase.of(verdict.action().name()))
                .append("\r\n");
        sb.append("X-FilterMX-Score: ").append(verdict.formattedScore()).append("\r\n");
        String summary = verdict.summary();
        if (!summary.isEmpty()) {
            sb.append("X-FilterMX-Reasons:");
            int lineLength = 19;
            for (String part : splitAtCommaSpace(summary)) {
                String ascii = printableAscii(part);
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

    /** {@code summary.split(", ")}, without compiling a pattern for every message. */
    private static List<String> splitAtCommaSpace(String summary) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = summary.indexOf(", "); at >= 0; at = summary.indexOf(", ", from)) {
            parts.add(summary.substring(from, at));
            from = at + 2;
        }
        parts.add(summary.substring(from));
        while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /** Every code point outside printable ASCII (0x20-0x7e) made one {@code ?}. */
    static String printableAscii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.append(cp >= 0x20 && cp <= 0x7e ? (char) cp : '?');
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The message without any X-FilterMX-* header fields (continuation lines included). */
    public static byte[] strip(byte[] message) {
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
