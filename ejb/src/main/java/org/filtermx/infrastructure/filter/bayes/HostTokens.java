package org.filtermx.infrastructure.filter.bayes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;

/**
 * Tokens for a host name: the name itself, its registered (organizational) domain from the Public
 * Suffix List, so evidence about {@code example.co.uk} is shared by all its hosts and never by all
 * of {@code co.uk}, and its top-level domain as {@code tld:}; a numeric address counts as {@code
 * ip}. Intermediate names between host and registered domain add nothing a new host of the same
 * sender would share, so they are left out.
 */
final class HostTokens {

    /** Registered domains already looked up; cleared when full, so it stays bounded. */
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();

    private static final int MAX_CACHED = 20_000;

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
        if (isNumeric(host)) {
            sink.add(prefix + "ip");
            return;
        }
        sink.add(prefix + host);
        String registered = registered(host);
        if (!registered.equals(host)) {
            sink.add(prefix + registered);
        }
        int dot = host.lastIndexOf('.');
        if (dot > 0 && dot < host.length() - 1) {
            sink.add(prefix + "tld:" + host.substring(dot + 1));
        }
    }

    /** Whether the host is an IP address (dotted digits or a bracketed literal). */
    static boolean isNumeric(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    /** The registered domain of {@code host}, lower case; the host itself if it has none. */
    static String registered(String host) {
        // The Public Suffix List lookup costs microseconds; the same hosts recur in most mail.
        String cached = REGISTERED.get(host);
        if (cached != null) {
            return cached;
        }
        String registered = OrganizationalDomain.of(host);
        if (REGISTERED.size() >= MAX_CACHED) {
            REGISTERED.clear();
        }
        REGISTERED.put(host, registered);
        return registered;
    }
}
