package org.filtermx.application;

/**
 * The values of key=value log lines (the disposition and audit logs), written so that a hostile
 * address, reply or path can neither start a new line nor fake a key: cut to {@link #MAX_VALUE}
 * characters before anything else, control characters (C0, DEL, C1, Unicode line and paragraph
 * separators) dropped, and anything but plain printable ASCII without spaces, quotes, backslashes
 * or {@code =} written in double quotes with {@code "} and {@code \} escaped by a backslash.
 */
public final class LogValues {

    /** The longest value written, in characters (an ellipsis marks a cut). */
    public static final int MAX_VALUE = 300;

    private LogValues() {}

    /** {@code raw} as written; null and empty values are {@code ""}. */
    public static String value(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "\"\"";
        }
        boolean cut = raw.length() > MAX_VALUE;
        int end = cut ? MAX_VALUE : raw.length();
        if (cut && Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        StringBuilder clean = new StringBuilder(end + 8);
        boolean plain = true;
        for (int i = 0; i < end; i++) {
            char c = raw.charAt(i);
            if (dropped(c)) {
                continue;
            }
            if (c <= ' ' || c > '~' || c == '"' || c == '\\' || c == '=') {
                plain = false;
            }
            if (c == '"' || c == '\\') {
                clean.append('\\');
            }
            clean.append(c);
        }
        if (cut) {
            clean.append("...");
        }
        if (plain && clean.length() > 0) {
            return clean.toString();
        }
        return "\"" + clean + "\"";
    }

    /** Characters no value keeps: C0 and C1 controls, DEL, and Unicode's line separators. */
    private static boolean dropped(char c) {
        return c < ' ' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
