package org.filtermx.imap.server.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FETCH section specifier (RFC 3501 section 6.4.5 and the {@code section-spec} grammar of section
 * 9): a part path such as 1.2, then an optional HEADER, HEADER.FIELDS (list), HEADER.FIELDS.NOT
 * (list), TEXT or (after a part path only) MIME.
 */
record SectionSpec(int[] path, Text text, List<String> fields) {

    /** What of the addressed entity is wanted. */
    enum Text {
        /** The whole message (empty path) or the part's body. */
        ALL,
        HEADER,
        FIELDS,
        FIELDS_NOT,
        TEXT,
        MIME
    }

    /** At most this many part numbers in a path. */
    static final int MAX_PATH = 100;

    /** Whether the top level's body is needed (everything but its header sections). */
    boolean needsBody() {
        return path.length > 0
                || !(text == Text.HEADER || text == Text.FIELDS || text == Text.FIELDS_NOT);
    }

    /**
     * @throws IllegalArgumentException when {@code spec} is not a section-spec
     */
    static SectionSpec parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("no section");
        }
        List<Integer> path = new ArrayList<>();
        int pos = 0;
        int n = spec.length();
        while (pos < n && isDigit(spec.charAt(pos))) {
            int start = pos;
            while (pos < n && isDigit(spec.charAt(pos))) {
                pos++;
            }
            if (pos - start > 9 || spec.charAt(start) == '0' || path.size() >= MAX_PATH) {
                throw new IllegalArgumentException("bad part number");
            }
            path.add(Integer.parseInt(spec.substring(start, pos)));
            if (pos == n) {
                break;
            }
            if (spec.charAt(pos) != '.') {
                throw new IllegalArgumentException("bad part path");
            }
            pos++;
            if (pos == n) {
                throw new IllegalArgumentException("bad part path");
            }
        }
        int[] p = path.stream().mapToInt(Integer::intValue).toArray();
        String rest = spec.substring(pos);
        if (rest.isEmpty()) {
            return new SectionSpec(p, Text.ALL, List.of());
        }
        String upper = rest.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "HEADER":
                return new SectionSpec(p, Text.HEADER, List.of());
            case "TEXT":
                return new SectionSpec(p, Text.TEXT, List.of());
            case "MIME":
                if (p.length == 0) {
                    throw new IllegalArgumentException("MIME needs a part");
                }
                return new SectionSpec(p, Text.MIME, List.of());
            default:
                break;
        }
        if (upper.startsWith("HEADER.FIELDS.NOT")) {
            return new SectionSpec(p, Text.FIELDS_NOT, list(rest, 17));
        }
        if (upper.startsWith("HEADER.FIELDS")) {
            return new SectionSpec(p, Text.FIELDS, list(rest, 13));
        }
        throw new IllegalArgumentException("bad section text");
    }

    /** RFC 3501 header-list: SP "(" header-fld-name *(SP header-fld-name) ")". */
    private static List<String> list(String s, int pos) {
        int n = s.length();
        if (pos >= n || s.charAt(pos) != ' ') {
            throw new IllegalArgumentException("header list expected");
        }
        while (pos < n && s.charAt(pos) == ' ') {
            pos++;
        }
        if (pos >= n || s.charAt(pos) != '(') {
            throw new IllegalArgumentException("header list expected");
        }
        pos++;
        List<String> names = new ArrayList<>();
        while (true) {
            while (pos < n && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos >= n) {
                throw new IllegalArgumentException("unclosed header list");
            }
            char c = s.charAt(pos);
            if (c == ')') {
                pos++;
                break;
            }
            StringBuilder name = new StringBuilder();
            if (c == '"') {
                pos++;
                while (pos < n && s.charAt(pos) != '"') {
                    char d = s.charAt(pos++);
                    if (d == '\\' && pos < n) {
                        d = s.charAt(pos++);
                    }
                    name.append(d);
                }
                if (pos >= n) {
                    throw new IllegalArgumentException("unclosed quoted name");
                }
                pos++;
            } else {
                while (pos < n && isAstringChar(s.charAt(pos))) {
                    name.append(s.charAt(pos++));
                }
                if (name.length() == 0) {
                    throw new IllegalArgumentException("bad header name");
                }
            }
            names.add(name.toString());
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty header list");
        }
        while (pos < n && s.charAt(pos) == ' ') {
            pos++;
        }
        if (pos != n) {
            throw new IllegalArgumentException("text after header list");
        }
        return names;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 3501 ASTRING-CHAR: atom chars and ']', without list or quote specials. */
    private static boolean isAstringChar(char c) {
        return c > 0x20 && c < 0x7f && "(){ %*\"\\".indexOf(c) < 0;
    }
}
