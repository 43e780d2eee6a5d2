package org.filtermx.imap.server.message;

/** Small linear scans over raw message bytes and strings. */
final class Bytes {

    private Bytes() {}

    /** The first index of {@code b} in {@code [from, to)}, or -1. */
    static int indexOf(byte[] raw, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code raw} holds {@code prefix} (ASCII) at {@code at}, before {@code limit}. */
    static boolean startsWith(byte[] raw, int at, int limit, byte[] prefix) {
        if (limit - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of lines in {@code [from, to)}: line feeds, plus one for an unterminated last
     * line.
     */
    static int lines(byte[] raw, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                n++;
            }
        }
        if (to > from && raw[to - 1] != '\n') {
            n++;
        }
        return n;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Trims blanks (space, tab, CR, LF) at both ends. */
    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isBlank(s.charAt(a))) {
            a++;
        }
        while (b > a && isBlank(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }
}
