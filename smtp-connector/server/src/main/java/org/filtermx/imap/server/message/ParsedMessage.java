package org.filtermx.imap.server.message;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One message parsed for IMAP FETCH and SEARCH (RFC 3501 sections 6.4.4, 6.4.5 and 7.4.2), with
 * linear scans only and bounded work per message: the header fields and the MIME tree are offsets
 * into the raw bytes, nesting is opened at most {@value MimeParser#MAX_DEPTH} levels deep and at
 * most {@value MimeParser#MAX_PARTS} entities are parsed; whatever lies beyond reads as opaque
 * text. Malformed input never makes parsing fail: unusable structure degrades to text/plain.
 *
 * <p>The raw array is kept, not copied (sections are slices of it): callers must not change it
 * afterwards. Safe to share between threads once built.
 */
public final class ParsedMessage {

    /** {@link #bodyText()} stops after this many chars. */
    static final int MAX_BODY_TEXT = 1_000_000;

    private final byte[] raw;
    private final boolean headerOnly;
    private final HeaderSection header;

    /**
     * The MIME tree, built on first use: FETCH ENVELOPE or a header section never pays for it. A
     * race builds it twice at worst; MimePart's final fields publish it safely.
     */
    private MimePart tree;

    private ParsedMessage(byte[] raw, boolean headerOnly, HeaderSection header) {
        this.raw = raw;
        this.headerOnly = headerOnly;
        this.header = header;
    }

    /**
     * Parses a message: the whole message, or only its header section (up to and including the
     * empty line) when that is all the caller fetched; then only the header-based methods work.
     * Input that ends right after the header's empty line reads as header-only: a caller holding a
     * whole message whose body may be empty uses {@link #parse(byte[], boolean)}.
     */
    public static ParsedMessage parse(byte[] raw) {
        byte[] r = raw == null ? new byte[0] : raw;
        HeaderSection h = HeaderSection.parse(r, 0, r.length);
        return new ParsedMessage(r, h.terminated() && h.end() == r.length, h);
    }

    /**
     * Parses a message, saying whether {@code raw} is only its header section ({@code headerOnly})
     * or the whole message (then an empty body is just empty).
     */
    public static ParsedMessage parse(byte[] raw, boolean headerOnly) {
        byte[] r = raw == null ? new byte[0] : raw;
        return new ParsedMessage(r, headerOnly, HeaderSection.parse(r, 0, r.length));
    }

    private MimePart tree() {
        requireBody();
        MimePart t = tree;
        if (t == null) {
            try {
                t = MimeParser.parseMessage(raw, header);
            } catch (RuntimeException e) {
                // A safety net only: malformed input is meant to degrade inside the parser.
                t = new MimePart(header, raw.length, MimePart.DEFAULT_TEXT, null, null);
            }
            tree = t;
        }
        return t;
    }

    /** Whether only the header section was given. */
    public boolean headerOnly() {
        return headerOnly;
    }

    /** The ENVELOPE structure (RFC 3501 section 7.4.2) as wire bytes, strings quoted or literal. */
    public byte[] envelope() {
        ImapOutput out = new ImapOutput();
        EnvelopeWriter.write(out, header);
        return out.toByteArray();
    }

    /**
     * BODYSTRUCTURE ({@code extensible} true) or BODY (false) as wire bytes. Needs the whole
     * message.
     *
     * @throws IllegalStateException on a header-only parse
     */
    public byte[] bodyStructure(boolean extensible) {
        ImapOutput out = new ImapOutput();
        BodyStructureWriter.write(out, raw, tree(), extensible);
        return out.toByteArray();
    }

    /**
     * The octets of a section (RFC 3501 section 6.4.5, BODY[section]) named by {@code spec}, the
     * text between the brackets as the client wrote it, e.g. {@code ""}, {@code "HEADER"}, {@code
     * "HEADER.FIELDS (From Subject)"}, {@code "TEXT"}, {@code "1.2"}, {@code "2.MIME"}: an empty
     * array for a part that does not exist, as RFC 3501 asks. Header-only sections work on a
     * header-only parse.
     *
     * @throws IllegalArgumentException for a malformed spec (the connector answers BAD)
     * @throws IllegalStateException for a section that needs the body on a header-only parse
     */
    public byte[] section(String spec) {
        SectionSpec s = SectionSpec.parse(spec);
        if (s.path().length == 0) {
            if (!s.needsBody()) {
                return ofHeader(header, s);
            }
            requireBody(); // BODY[] and BODY[TEXT] need no MIME tree
            return s.text() == SectionSpec.Text.TEXT
                    ? slice(header.end(), raw.length)
                    : slice(0, raw.length);
        }
        MimePart p = resolve(s.path());
        if (p == null) {
            return new byte[0];
        }
        switch (s.text()) {
            case ALL:
                return slice(p.bodyStart(), p.end());
            case MIME:
                return header(p.header());
            default:
                // HEADER, TEXT and HEADER.FIELDS of a part address its enclosed message.
                return p.message() == null ? new byte[0] : ofMessage(p.message(), s);
        }
    }

    /**
     * Whether {@code spec} needs the whole message (false for HEADER, HEADER.FIELDS[.NOT] of the
     * top level).
     *
     * @throws IllegalArgumentException for a malformed spec
     */
    public static boolean needsBody(String spec) {
        return SectionSpec.parse(spec).needsBody();
    }

    /** The unfolded values of a header field, RFC 2047 encoded words decoded, in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (String v : header.all(name)) {
            values.add(EncodedWords.decode(v));
        }
        return values;
    }

    /**
     * The decoded text of the body's text parts (transfer encoding undone, charset applied), for
     * SEARCH BODY and TEXT, capped at {@value #MAX_BODY_TEXT} chars.
     *
     * @throws IllegalStateException on a header-only parse
     */
    public String bodyText() {
        MimePart root = tree();
        StringBuilder sb = new StringBuilder();
        appendText(root, sb);
        return sb.length() > MAX_BODY_TEXT ? sb.substring(0, MAX_BODY_TEXT) : sb.toString();
    }

    /** The Date header field's time, or null when absent or unreadable (SENTBEFORE and friends). */
    public Instant sentDate() {
        return DateFieldParser.parse(header.first("date"));
    }

    private void requireBody() {
        if (headerOnly) {
            throw new IllegalStateException("only the header section was parsed");
        }
    }

    private byte[] ofMessage(MimePart m, SectionSpec s) {
        switch (s.text()) {
            case ALL:
                return slice(m.start(), m.end());
            case HEADER:
            case FIELDS:
            case FIELDS_NOT:
                return ofHeader(m.header(), s);
            case TEXT:
                return slice(m.bodyStart(), m.end());
            default:
                throw new IllegalArgumentException("MIME needs a part");
        }
    }

    private byte[] ofHeader(HeaderSection h, SectionSpec s) {
        switch (s.text()) {
            case FIELDS:
                return h.select(s.fields(), false);
            case FIELDS_NOT:
                return h.select(s.fields(), true);
            default:
                return header(h);
        }
    }

    /** The header section with its empty line; one is added when the raw header lacks it. */
    private byte[] header(HeaderSection section) {
        byte[] h = slice(section.start(), section.end());
        if (section.terminated()) {
            return h;
        }
        boolean endsWithLf = h.length > 0 && h[h.length - 1] == '\n';
        byte[] tail =
                (endsWithLf ? "\r\n" : (h.length > 0 ? "\r\n\r\n" : "\r\n"))
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(h, h.length + tail.length);
        System.arraycopy(tail, 0, out, h.length, tail.length);
        return out;
    }

    private byte[] slice(int from, int to) {
        return Arrays.copyOfRange(raw, from, to);
    }

    /** RFC 3501 section 6.4.5 part numbering. */
    private MimePart resolve(int[] path) {
        MimePart root = tree();
        MimePart cur = null;
        for (int i = 0; i < path.length; i++) {
            int n = path[i];
            MimePart container = i == 0 ? root : cur.message() != null ? cur.message() : cur;
            if (i > 0 && cur.message() == null && !cur.isMultipart()) {
                return null;
            }
            if (container.isMultipart()) {
                cur = n <= container.parts().size() ? container.parts().get(n - 1) : null;
            } else {
                // The body of a non-multipart message is its part 1.
                cur = n == 1 ? container : null;
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private void appendText(MimePart p, StringBuilder sb) {
        if (sb.length() >= MAX_BODY_TEXT) {
            return;
        }
        if (p.isMultipart()) {
            for (MimePart child : p.parts()) {
                appendText(child, sb);
            }
        } else if (p.message() != null) {
            appendText(p.message(), sb);
        } else if (p.type().type().equals("text")) {
            int to = Math.min(p.end(), p.bodyStart() + 4 * MAX_BODY_TEXT);
            byte[] bytes = TransferDecoding.decode(raw, p.bodyStart(), to, p.encoding());
            String cs = p.type().param("charset");
            Charset charset = cs == null ? null : EncodedWords.charset(cs);
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset));
        }
    }
}
