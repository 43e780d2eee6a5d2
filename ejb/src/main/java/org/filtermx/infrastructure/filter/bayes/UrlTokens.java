package org.filtermx.infrastructure.filter.bayes;

import java.util.Locale;

/**
 * Tokens for a web address found in text or in an HTML attribute: {@code url:host:} for its host
 * and parent domains, {@code url:ip} for a numeric host, flags for the tricks that rarely appear in
 * honest links ({@code url:userinfo}, {@code url:port}, {@code url:escaped}), and the words of its
 * path as {@code url:<word>} (such as {@code url:unsubscribe}).
 */
public final class UrlTokens {

    private static final int MAX_PATH_WORDS = 8;
    /** A host name's longest (253) plus room for a port. */
    static final int MAX_AUTHORITY = 260;

    private UrlTokens() {}

    static boolean looksLikeUrl(String raw) {
        String w = raw.toLowerCase(Locale.ROOT);
        return w.contains("http://")
                || w.contains("https://")
                || w.contains("ftp://")
                || w.startsWith("www.");
    }

    static void add(TokenSet sink, String raw) {
        String url = raw.strip();
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            String name = url.substring(0, scheme).toLowerCase(Locale.ROOT);
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
        String host = HostTokens.withoutTrailingDots(authority.toLowerCase(Locale.ROOT));
        if (host.indexOf('%') >= 0) {
            sink.add("url:escaped");
        }
        HostTokens.add(sink, "url:host:", host);
        pathWords(sink, path);
    }

    /**
     * The host of a web address, read much as {@link #add} reads it: lower case, without scheme,
     * user info, port and trailing dots, a backslash also ending it (browsers take it for a
     * slash); empty when there is none. Shared with the rule checks, which compare hosts rather
     * than make tokens of them. Only the first {@value #MAX_AUTHORITY} characters are kept: no host
     * name is longer (RFC 1035 section 2.3.4), and lower-casing is then bounded.
     */
    public static String host(String raw) {
        String url = raw.strip();
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            url = url.substring(scheme + 3);
        }
        int pathStart = indexOfAny(url, "/?#\"'<> \\");
        String authority = pathStart < 0 ? url : url.substring(0, pathStart);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.length() > MAX_AUTHORITY) {
            authority = authority.substring(0, MAX_AUTHORITY);
        }
        int colon = authority.indexOf(':');
        if (colon >= 0 && !authority.startsWith("[")) {
            authority = authority.substring(0, colon);
        }
        return HostTokens.withoutTrailingDots(authority.toLowerCase(Locale.ROOT));
    }

    /** Whether the authority of a web address carries user info ({@code http://bank.com@evil/}). */
    public static boolean hasUserInfo(String raw) {
        String url = raw.strip();
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            url = url.substring(scheme + 3);
        }
        int pathStart = indexOfAny(url, "/?#\"'<> \\");
        String authority = pathStart < 0 ? url : url.substring(0, pathStart);
        return authority.indexOf('@') >= 0;
    }

    private static void pathWords(TokenSet sink, String path) {
        int added = 0;
        for (String piece : path.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
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
