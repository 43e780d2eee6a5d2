package org.filtermx.infrastructure.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps generated text within RFC 5322 line limits: wraps prose, folds header fields, and breaks
 * any line that would still exceed 998 octets (RFC 5322 section 2.1.1).
 */
final class MailLines {

    /** RFC 5322 section 2.1.1: the recommended line length, excluding CRLF. */
    static final int RECOMMENDED_LENGTH = 78;

    /** RFC 5322 section 2.1.1: the hard line limit, excluding CRLF. */
    static final int MAX_LENGTH = 998;

    /** Characters, not octets, are counted, so a cut leaves room for multi-octet UTF-8. */
    private static final int MAX_CHARS = MAX_LENGTH / 4;

    private MailLines() {}

    /** Wraps prose at spaces to the recommended length, with {@code indent} on later lines. */
    static List<String> wrap(String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (line.length() > 0
                    && line.length() + 1 + word.length() > RECOMMENDED_LENGTH
                    && line.toString().strip().length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(indent);
            } else if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        List<String> bounded = new ArrayList<>();
        for (String wrapped : lines) {
            bounded.addAll(breakLong(wrapped, indent));
        }
        return bounded;
    }

    /** A header field folded with leading-space continuation lines (RFC 5322 section 2.2.3). */
    static List<String> field(String name, String value) {
        return wrap(name + ": " + value, " ");
    }

    /** Cuts a line with no room for a fold into pieces, each continued with {@code indent}. */
    static List<String> breakLong(String line, String indent) {
        List<String> pieces = new ArrayList<>();
        String rest = line;
        while (rest.length() > MAX_CHARS) {
            pieces.add(rest.substring(0, MAX_CHARS));
            rest =
                    indent.isEmpty()
                            ? rest.substring(MAX_CHARS)
                            : indent + rest.substring(MAX_CHARS);
        }
        pieces.add(rest);
        return pieces;
    }
}
