package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * Tokens for a web address found in text or in an HTML attribute: {@code url:host:} for its host,
 * registered domain and top-level domain ({@link HostTokens}), {@code url:host:ip} for a numeric
 * host, flags for the tricks that rarely appear in honest links ({@code url:userinfo}, {@code
 * url:port}, {@code url:escaped}), the words of its path as {@code url:<word>} (such as {@code
 * url:unsubscribe}), and the path's shape, which a new campaign on a new domain keeps: its depth
 * ({@code url:depth:<n>}), a query ({@code url:query}), a long random-looking segment such as a
 * per-recipient identifier ({@code url:random-segment}), tracking parameters ({@code url:tracking})
 * and a link to a bare host ({@code url:bare}).
 */
public final class UrlTokens {

    private static final int MAX_PATH_WORDS = 8;

    /** A host name's longest (253) plus room for a port. */
    static final int MAX_AUTHORITY = 260;

    /** Characters of a path read for its shape. */
    private static final int MAX_PATH = 2048;

    /** A path segment at least this long, mixing letters and digits, looks random. */
    private static final int RANDOM_SEGMENT = 16;

    /** Query parameter names that mark per-recipient tracking. */
    private static final String[] TRACKING = {
        "utm_", "uid=", "userid=", "email=", "e=", "rid=", "cid=", "tracking", "trk=", "mid="
    };

    private UrlTokens() {}

    /**
     * Whether the word contains {@code http://}, {@code https://} or {@code ftp://}, or starts with
     * {@code www.}, in any case. Asked of every word of every message, so it scans in place: no
     * lower-cased copy (no character outside ASCII lower-cases to one of these letters, so the
     * ASCII fold answers as {@code toLowerCase(Locale.ROOT)} would).
     */
    static boolean looksLikeUrl(String raw) {
        for (int at = raw.indexOf("://"); at >= 0; at = raw.indexOf("://", at + 1)) {
            if (endsAt(raw, at, "http") || endsAt(raw, at, "https") || endsAt(raw, at, "ftp")) {
                return true;
            }
        }
        return endsAt(raw, 4, "www.");
    }

    /** Whether {@code raw}'s characters just before {@code end} are {@code lower}, any case. */
    private static boolean endsAt(String raw, int end, String lower) {
        int start = end - lower.length();
        if (start < 0 || end > raw.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = raw.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static void add(TokenSet sink, String raw) {
        String url = raw.strip();
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            String name = LowerCase.of(url.substring(0, scheme));
            int start = name.length();
            while (start > 0 && Character.isLetter(name.charAt(start - 1))) {
                start--;
            }
            sink.add("url:scheme:" + name.substring(start));
            url = url.substring(scheme + 3);
        }
        int pathStart = indexOfAny(url, "/?#\"'<> ");
        String authority = pathStart < 0 ? url : url.substring(0, pathStart);
        String path = pathStart < 0 ? "" : url.substring(pathStart);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            sink.add("url:userinfo");
            authority = authority.substring(at + 1);
        }
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            sink.add("url:port");
            authority = authority.substring(0, colon);
        }
        String host = HostTokens.withoutTrailingDots(LowerCase.of(authority));
        if (host.indexOf('%') >= 0) {
            sink.add("url:escaped");
        }
        HostTokens.add(sink, "url:host:", host);
        pathWords(sink, path);
        pathShape(sink, path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path);
    }

    /** The shape of the path, one pass over its characters. */
    static void pathShape(TokenSet sink, String path) {
        int query = indexOfAny(path, "?#");
        String p = query < 0 ? path : path.substring(0, query);
        int depth = 0;
        boolean random = false;
        int segmentStart = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                if (i > segmentStart) {
                    depth++;
                    random |= looksRandom(p, segmentStart, i);
                }
                segmentStart = i + 1;
            }
        }
        if (depth == 0 && query < 0) {
            sink.add("url:bare");
        } else {
            sink.add("url:depth:" + Math.min(depth, 5));
        }
        if (random) {
            sink.add("url:random-segment");
        }
        if (query >= 0 && path.charAt(query) == '?') {
            sink.add("url:query");
            String q = LowerCase.of(path.substring(query + 1));
            for (String t : TRACKING) {
                if (q.startsWith(t) || q.contains("&" + t)) {
                    sink.add("url:tracking");
                    break;
                }
            }
            if (looksRandom(q, 0, q.length())) {
                sink.add("url:random-segment");
            }
        }
    }

    /** A long run of letters and digits mixed, such as an identifier made for one recipient. */
    private static boolean looksRandom(String s, int from, int to) {
        int run = 0;
        boolean letter = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                run++;
                letter |= c > '9';
                digit |= c <= '9';
                if (run >= RANDOM_SEGMENT && letter && digit) {
                    return true;
                }
            } else {
                run = 0;
                letter = false;
                digit = false;
            }
        }
        return false;
    }

    /**
     * The host of a web address, read much as {@link #add} reads it: lower case, without scheme,
     * user info, port and trailing dots, a backslash also ending it (browsers take it for a slash);
     * empty when there is none. Shared with the rule checks, which compare hosts rather than make
     * tokens of them. Only the first {@value #MAX_AUTHORITY} characters are kept: no host name is
     * longer (RFC 1035 section 2.3.4), and lower-casing is then bounded.
     */
    public static String host(String raw) {
        String authority = authority(raw);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.length() > MAX_AUTHORITY) {
            authority = authority.substring(0, MAX_AUTHORITY);
        }
        int colon = authority.indexOf(':');
        if (colon >= 0 && !authority.startsWith("[")) {
            authority = authority.substring(0, colon);
        }
        return HostTokens.withoutTrailingDots(LowerCase.of(authority));
    }

    /** Whether the authority of a web address carries user info ({@code http://bank.com@evil/}). */
    public static boolean hasUserInfo(String raw) {
        return authority(raw).indexOf('@') >= 0;
    }

    /** What lies between the scheme and the path of a web address, user info included. */
    private static String authority(String raw) {
        String url = raw.strip();
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            url = url.substring(scheme + 3);
        }
        int pathStart = indexOfAny(url, "/?#\"'<> \\");
        return pathStart < 0 ? url : url.substring(0, pathStart);
    }

    private static void pathWords(TokenSet sink, String path) {
        int added = 0;
        for (String piece : LowerCase.of(path).split("[^a-z0-9]+")) {
            if (piece.length() >= WordTokens.MIN_LENGTH
                    && piece.length() <= WordTokens.MAX_LENGTH) {
                sink.add("url:" + piece);
                if (++added == MAX_PATH_WORDS) {
                    return;
                }
            }
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
