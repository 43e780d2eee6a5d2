package org.filtermx.imap.server.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header section of a message or body part (RFC 5322 section 2.2): its fields as offsets into
 * the raw bytes, found by one linear scan. A line that is neither a field nor a continuation ends
 * the section there (the body starts at that line, as Python's email parser does), except an mbox
 * "From " line at the very start; a section that never reaches its empty line runs to the end of
 * its range.
 */
final class HeaderSection {

    /** At most this many fields are remembered; later ones stay in the section's bytes. */
    static final int MAX_FIELDS = 10_000;

    /** An mbox separator line may open a stored message; it is skipped, not a field. */
    private static final byte[] MBOX_FROM = {'F', 'r', 'o', 'm', ' '};

    /** One field: its name and where its lines (with their line ends) sit in the raw bytes. */
    record Field(String name, int start, int valueStart, int end) {}

    private final byte[] raw;
    private final int start;
    private final int end;
    private final boolean terminated;
    private final List<Field> fields;

    private HeaderSection(byte[] raw, int start, int end, boolean terminated, List<Field> fields) {
        this.raw = raw;
        this.start = start;
        this.end = end;
        this.terminated = terminated;
        this.fields = fields;
    }

    /** Scans the header section that starts at {@code start}, never past {@code limit}. */
    static HeaderSection parse(byte[] raw, int start, int limit) {
        List<Field> fields = new ArrayList<>();
        int pos = start;
        String name = null;
        int fieldStart = -1;
        int valueStart = -1;
        int fieldEnd = -1;
        while (pos < limit) {
            int lf = Bytes.indexOf(raw, (byte) '\n', pos, limit);
            int lineEnd = lf < 0 ? limit : lf + 1;
            int contentEnd = lf < 0 ? limit : (lf > pos && raw[lf - 1] == '\r' ? lf - 1 : lf);
            if (contentEnd == pos) {
                add(fields, name, fieldStart, valueStart, fieldEnd);
                return new HeaderSection(raw, start, lineEnd, true, fields);
            }
            byte first = raw[pos];
            if (first == ' ' || first == '\t') {
                if (name != null) {
                    fieldEnd = lineEnd; // RFC 5322 section 2.2.3: a folded continuation line
                }
            } else {
                add(fields, name, fieldStart, valueStart, fieldEnd);
                name = null;
                int nameEnd = pos;
                while (nameEnd < contentEnd
                        && raw[nameEnd] > ' '
                        && raw[nameEnd] < 0x7f
                        && raw[nameEnd] != ':') {
                    nameEnd++;
                }
                int colon = nameEnd;
                while (colon < contentEnd && (raw[colon] == ' ' || raw[colon] == '\t')) {
                    colon++; // RFC 5322 section 4.5: obs-optional blanks before the colon
                }
                if (nameEnd > pos && colon < contentEnd && raw[colon] == ':') {
                    name = new String(raw, pos, nameEnd - pos, StandardCharsets.ISO_8859_1);
                    fieldStart = pos;
                    valueStart = colon + 1;
                    fieldEnd = lineEnd;
                } else if (!(pos == start && Bytes.startsWith(raw, pos, contentEnd, MBOX_FROM))) {
                    // Not a field (RFC 5322 section 2.2): the body starts here, without the empty
                    // line, so text a sender put there stays visible and searchable.
                    return new HeaderSection(raw, start, pos, false, fields);
                }
            }
            pos = lineEnd;
        }
        add(fields, name, fieldStart, valueStart, fieldEnd);
        return new HeaderSection(raw, start, limit, false, fields);
    }

    private static void add(List<Field> fields, String name, int start, int valueStart, int end) {
        if (name != null && fields.size() < MAX_FIELDS) {
            fields.add(new Field(name, start, valueStart, end));
        }
    }

    /** Offset of the section's first byte. */
    int start() {
        return start;
    }

    /**
     * Offset just past the section (past its empty line when it has one): where the body starts.
     */
    int end() {
        return end;
    }

    /** Whether the section ends with an empty line (false: it ran to the end of its range). */
    boolean terminated() {
        return terminated;
    }

    List<Field> fields() {
        return fields;
    }

    /**
     * The unfolded value of the first field named {@code name} (case-insensitive), trimmed, one
     * char per raw byte (ISO-8859-1), or null when there is none.
     */
    String first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return value(f);
            }
        }
        return null;
    }

    /** The unfolded values of every field named {@code name}, in message order. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(value(f));
            }
        }
        return values;
    }

    /** RFC 5322 section 2.2.3: unfolding removes the line breaks; then outer blanks are trimmed. */
    String value(Field f) {
        StringBuilder sb = new StringBuilder(f.end() - f.valueStart());
        for (int i = f.valueStart(); i < f.end(); i++) {
            byte b = raw[i];
            if (b != '\r' && b != '\n') {
                sb.append((char) (b & 0xff));
            }
        }
        return Bytes.trim(sb.toString());
    }

    /**
     * The fields whose names are (or, with {@code not}, are not) in {@code names}, in message
     * order, then the empty line (RFC 3501 section 6.4.5, HEADER.FIELDS and HEADER.FIELDS.NOT).
     */
    byte[] select(List<String> names, boolean not) {
        Set<String> lower = new HashSet<>();
        for (String n : names) {
            lower.add(n.toLowerCase(Locale.ROOT));
        }
        ByteSink out = new ByteSink();
        for (Field f : fields) {
            boolean listed = lower.contains(f.name().toLowerCase(Locale.ROOT));
            if (listed != not) {
                out.write(raw, f.start(), f.end() - f.start());
                if (raw[f.end() - 1] != '\n') {
                    out.ascii("\r\n");
                }
            }
        }
        out.ascii("\r\n");
        return out.toByteArray();
    }
}
