package org.filtermx.imap.server.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the MIME tree of a message (RFC 2046 section 5.1.1 boundaries, section 5.2.1
 * message/rfc822) in bounded work: nesting deeper than {@link #MAX_DEPTH} or parts beyond {@link
 * #MAX_PARTS} are kept as opaque text, and anything unusable (no boundary, no delimiter line) reads
 * as text/plain. Each nesting level scans its bytes once, so the work is at most MAX_DEPTH passes
 * over the message.
 */
final class MimeParser {

    /** Multipart and message/rfc822 levels below the top one that are still opened. */
    static final int MAX_DEPTH = 20;

    /** Entities parsed per message; later ones stay inside their neighbour's bytes. */
    static final int MAX_PARTS = 1000;

    /** RFC 2046 section 5.1.1: a boundary has at most 70 characters; be lenient up to this. */
    private static final int MAX_BOUNDARY = 200;

    private final byte[] raw;
    private int count;

    private MimeParser(byte[] raw) {
        this.raw = raw;
    }

    /** Parses the whole of {@code raw} as a message whose header section is {@code header}. */
    static MimePart parseMessage(byte[] raw, HeaderSection header) {
        return new MimeParser(raw).entity(header, raw.length, false, 0);
    }

    private MimePart entity(int start, int end, boolean inDigest, int depth) {
        return entity(HeaderSection.parse(raw, start, end), end, inDigest, depth);
    }

    private MimePart entity(HeaderSection h, int end, boolean inDigest, int depth) {
        count++;
        MimeValue type = contentType(h, inDigest);
        boolean open = depth < MAX_DEPTH && count < MAX_PARTS;
        if (type.type().equals("multipart")) {
            List<MimePart> parts = open ? parts(h.end(), end, type, depth) : null;
            if (parts == null || parts.isEmpty()) {
                return new MimePart(h, end, MimePart.DEFAULT_TEXT, null, null);
            }
            return new MimePart(h, end, type, parts, null);
        }
        if (type.type().equals("message") && type.subtype().equals("rfc822")) {
            String enc = MimePart.encodingOf(h);
            boolean identity = enc.equals("7bit") || enc.equals("8bit") || enc.equals("binary");
            if (!open) {
                return new MimePart(h, end, MimePart.DEFAULT_TEXT, null, null);
            }
            if (!identity) {
                // RFC 2046 section 5.2.1 allows only 7bit, 8bit or binary: an encoded message is
                // opaque data, not a structure to open.
                return new MimePart(
                        h,
                        end,
                        new MimeValue("application", "octet-stream", List.of()),
                        null,
                        null);
            }
            MimePart inner = entity(h.end(), end, false, depth + 1);
            return new MimePart(h, end, type, null, inner);
        }
        return new MimePart(h, end, type, null, null);
    }

    private static MimeValue contentType(HeaderSection h, boolean inDigest) {
        String value = h.first("content-type");
        MimeValue dflt = inDigest ? MimePart.DEFAULT_MESSAGE : MimePart.DEFAULT_TEXT;
        if (value == null) {
            return dflt;
        }
        MimeValue t = MimeValue.parse(value, true);
        // RFC 2045 section 5.2: an unreadable Content-Type means text/plain; charset=us-ascii.
        return t.type().isEmpty() || t.subtype().isEmpty() ? MimePart.DEFAULT_TEXT : t;
    }

    /** Splits a multipart body at its delimiter lines and parses each part; null when unusable. */
    private List<MimePart> parts(int bodyStart, int end, MimeValue type, int depth) {
        String boundary = type.param("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            return null;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> ranges = new ArrayList<>();
        int partStart = -1;
        int pos = bodyStart;
        boolean closed = false;
        while (pos < end) {
            int lf = Bytes.indexOf(raw, (byte) '\n', pos, end);
            int lineEnd = lf < 0 ? end : lf + 1;
            if (Bytes.startsWith(raw, pos, lineEnd, delimiter)) {
                int kind = delimiterKind(pos + delimiter.length, lineEnd);
                if (kind != 0) {
                    if (partStart >= 0) {
                        ranges.add(new int[] {partStart, partEnd(partStart, pos)});
                    }
                    if (kind == 2) {
                        closed = true;
                        partStart = -1;
                        break;
                    }
                    partStart = lineEnd;
                    if (count + ranges.size() + 1 >= MAX_PARTS) {
                        break; // the last part keeps the rest as opaque bytes
                    }
                }
            }
            pos = lineEnd;
        }
        if (!closed && partStart >= 0) {
            ranges.add(new int[] {partStart, end});
        }
        boolean digest = type.subtype().equals("digest");
        List<MimePart> parts = new ArrayList<>(ranges.size());
        for (int[] r : ranges) {
            parts.add(entity(r[0], r[1], digest, depth + 1));
        }
        return parts;
    }

    /** After "--boundary": 1 for a delimiter, 2 for the close delimiter, 0 for neither. */
    private int delimiterKind(int at, int lineEnd) {
        int kind = 1;
        if (at + 1 < lineEnd && raw[at] == '-' && raw[at + 1] == '-') {
            kind = 2;
            at += 2;
        }
        for (int i = at; i < lineEnd; i++) {
            byte b = raw[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return kind == 2 ? 2 : 0; // RFC 2046: text after a close delimiter is epilogue-ish
            }
        }
        return kind;
    }

    /** RFC 2046 section 5.1.1: the line break before a delimiter belongs to the delimiter. */
    private int partEnd(int partStart, int delimiterStart) {
        int e = delimiterStart;
        if (e > partStart && raw[e - 1] == '\n') {
            e--;
            if (e > partStart && raw[e - 1] == '\r') {
                e--;
            }
        }
        return e;
    }
}
