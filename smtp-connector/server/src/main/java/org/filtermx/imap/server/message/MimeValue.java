package org.filtermx.imap.server.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Content-Type or Content-Disposition value (RFC 2045 section 5.1, RFC 2183): a type, an optional
 * subtype, and parameters kept as written (names and values in message order), read by one linear
 * scan that skips comments and tolerates garbage by skipping to the next semicolon.
 */
final class MimeValue {

    /** At most this many parameters are kept. */
    static final int MAX_PARAMS = 100;

    /** One parameter, its name as written and its value without quotes. */
    record Param(String name, String value) {}

    private final String type;
    private final String subtype;
    private final List<Param> params;

    MimeValue(String type, String subtype, List<Param> params) {
        this.type = type;
        this.subtype = subtype;
        this.params = params;
    }

    /** Lower-case type, or "" when unreadable. */
    String type() {
        return type;
    }

    /** Lower-case subtype, or "" when absent or unreadable. */
    String subtype() {
        return subtype;
    }

    List<Param> params() {
        return params;
    }

    /** The first parameter named {@code name} (case-insensitive), or null. */
    String param(String name) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /**
     * Parses {@code value}; {@code withSubtype} for Content-Type, false for Content-Disposition.
     */
    static MimeValue parse(String value, boolean withSubtype) {
        Scanner s = new Scanner(value);
        s.skipCfws();
        String type = s.token().toLowerCase(Locale.ROOT);
        String subtype = "";
        if (withSubtype) {
            s.skipCfws();
            if (s.peek() == '/') {
                s.pos++;
                s.skipCfws();
                subtype = s.token().toLowerCase(Locale.ROOT);
            } else {
                type = "";
            }
        }
        List<Param> params = new ArrayList<>();
        while (s.skipToSemicolon()) {
            s.pos++;
            s.skipCfws();
            String name = s.token();
            s.skipCfws();
            if (name.isEmpty() || s.peek() != '=') {
                continue;
            }
            s.pos++;
            s.skipCfws();
            String v = s.peek() == '"' ? s.quoted() : s.token();
            if (params.size() < MAX_PARAMS) {
                params.add(new Param(name, v));
            }
        }
        return new MimeValue(type, subtype, ParameterContinuations.join(params));
    }

    /** A cursor over a header value. */
    static final class Scanner {
        private final String s;
        int pos;

        Scanner(String s) {
            this.s = s;
        }

        int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        /** Skips blanks and (nested) comments, RFC 5322 section 3.2.2. */
        void skipCfws() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Bytes.isBlank(c)) {
                    pos++;
                } else if (c == '(') {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        /** Skips a comment starting at '(' and returns its text (without the outer parentheses). */
        String skipComment() {
            int depth = 0;
            StringBuilder text = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    text.append(s.charAt(pos++));
                    continue;
                }
                if (c == '(') {
                    if (depth++ == 0) {
                        continue;
                    }
                } else if (c == ')') {
                    if (--depth == 0) {
                        return text.toString();
                    }
                }
                text.append(c);
            }
            return text.toString();
        }

        /** RFC 2045 section 5.1 token: up to a blank, a tspecial or a comment. */
        String token() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Bytes.isBlank(c) || c <= 0x1f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                    break;
                }
                pos++;
            }
            return s.substring(start, pos);
        }

        /**
         * A quoted string starting at '"', returned unquoted; an unterminated one runs to the end.
         */
        String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                if (c != '\r' && c != '\n') {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        /** Moves to the next ';' outside quotes and comments; false at the end. */
        boolean skipToSemicolon() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ';') {
                    return true;
                } else if (c == '"') {
                    quoted();
                } else if (c == '(') {
                    skipComment();
                } else {
                    pos++;
                }
            }
            return false;
        }
    }
}
