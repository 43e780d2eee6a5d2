package org.filtermx.infrastructure.filter.rules;

import java.util.List;
import org.filtermx.infrastructure.filter.bayes.UrlTokens;

/**
 * Web addresses written in plain text, in lower case: each {@code http://}, {@code https://} or
 * {@code www.} up to the next space, quote or angle bracket. A scan with {@code indexOf}, up to a
 * cap of addresses; hosts are read by {@link UrlTokens#host}, as the classifier reads them.
 */
final class Links {

    private static final int MAX_URL = 2048;

    private Links() {}

    /** Characters of text searched for addresses. */
    static final int MAX_TEXT = 256 * 1024;

    private static final String[] STARTS = {"http://", "https://", "www."};

    /**
     * Adds the addresses in {@code text} to {@code out} until it holds {@code cap}. The next
     * position of each start is remembered and searched again only once passed, so the text is read
     * a bounded number of times however many addresses it holds.
     */
    static void find(String text, List<String> out, int cap) {
        String lower =
                AsciiCase.lower(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        int[] next = new int[STARTS.length];
        for (int k = 0; k < STARTS.length; k++) {
            next[k] = lower.indexOf(STARTS[k]);
        }
        int from = 0;
        while (out.size() < cap) {
            int at = -1;
            for (int k = 0; k < STARTS.length; k++) {
                if (next[k] >= 0 && next[k] < from) {
                    next[k] = lower.indexOf(STARTS[k], from);
                }
                if (next[k] >= 0 && (at < 0 || next[k] < at)) {
                    at = next[k];
                }
            }
            if (at < 0) {
                return;
            }
            int end = at;
            while (end < lower.length() && end - at < MAX_URL && !stops(lower.charAt(end))) {
                end++;
            }
            // From the lower-case copy (whose indexes these are; lower-casing may change the
            // length); "www." inside "http://www." is passed with the address it belongs to.
            out.add(lower.substring(at, end));
            from = end + 1;
        }
    }

    private static boolean stops(char c) {
        return Character.isWhitespace(c)
                || c == '"'
                || c == '\''
                || c == '<'
                || c == '>'
                || c == ')'
                || c == ']';
    }

    /** Whether a host is an IPv4 address (dotted or a bare number) or an IPv6 literal. */
    static boolean numeric(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return host.length() >= 7;
    }

    /** Loopback and RFC 1918 private addresses: links to a test server or a router, not a lure. */
    static boolean privateAddress(String host) {
        if (host.startsWith("127.") || host.startsWith("10.") || host.startsWith("192.168.")) {
            return true;
        }
        if (!host.startsWith("172.") || host.length() < 7) {
            return false;
        }
        int dot = host.indexOf('.', 4);
        if (dot < 5 || dot > 7) {
            return false;
        }
        int second = Integer.parseInt(host.substring(4, dot));
        return second >= 16 && second <= 31;
    }

    static boolean punycode(String host) {
        return host.startsWith("xn--") || host.contains(".xn--");
    }

    /** A host the way a reader takes it: letters, digits, hyphens and dots, with a dot. */
    static boolean plausibleHost(String host) {
        if (host.length() < 4
                || host.length() > 253
                || host.indexOf('.') <= 0
                || host.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        String tld = HostLists.tld(host);
        return tld.length() >= 2 && tld.chars().allMatch(Character::isLetter);
    }
}
