package org.filtermx.infrastructure.filter.bayes;

/**
 * Tokens for a host name: the name and each parent domain with at least two labels, so evidence
 * about {@code example.com} is shared by all its hosts; a numeric address counts as {@code ip}.
 */
final class HostTokens {

    private static final int MAX_LABELS = 6;

    private HostTokens() {}

    /** {@code name} without its trailing dots, in one pass (not one copy per dot). */
    static String withoutTrailingDots(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '.') {
            end--;
        }
        return name.substring(0, end);
    }

    static void add(TokenSet sink, String prefix, String host) {
        if (host.isEmpty() || host.length() > 253) {
            return;
        }
        if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.startsWith("[")) {
            sink.add(prefix + "ip");
            return;
        }
        String h = host;
        int labels = 0;
        while (h.indexOf('.') > 0 && labels < MAX_LABELS) {
            sink.add(prefix + h);
            h = h.substring(h.indexOf('.') + 1);
            labels++;
        }
        if (labels == 0) {
            sink.add(prefix + h);
        }
    }
}
