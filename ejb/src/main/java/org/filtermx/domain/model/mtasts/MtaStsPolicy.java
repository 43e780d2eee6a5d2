package org.filtermx.domain.model.mtasts;

import java.util.List;
import java.util.Objects;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * One recipient domain's MTA-STS policy (RFC 8461 section 3.2) as fetched under a TXT record id.
 *
 * @param id the {@code id} of the {@code _mta-sts} TXT record it was fetched under (section 3.1); a
 *     new id means a new policy to fetch
 * @param mode enforce, testing or none
 * @param mx the MX host patterns, lower case without trailing dot: a host name or {@code *.}
 *     followed by a domain
 * @param maxAgeSeconds how long the policy may be used after it was fetched, at most {@link
 *     #MAX_AGE_LIMIT}
 */
public record MtaStsPolicy(String id, MtaStsMode mode, List<String> mx, long maxAgeSeconds) {

    /** RFC 8461 section 3.2: max_age is at most 31557600 seconds (about one year). */
    public static final long MAX_AGE_LIMIT = 31_557_600L;

    public MtaStsPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        mx = List.copyOf(mx);
        if (maxAgeSeconds < 0) {
            throw new IllegalArgumentException("max_age is negative: " + maxAgeSeconds);
        }
        maxAgeSeconds = Math.min(maxAgeSeconds, MAX_AGE_LIMIT);
    }

    /** Whether {@code host} matches one of the policy's mx patterns (section 4.1). */
    public boolean allows(String host) {
        return mx.stream().anyMatch(pattern -> matches(pattern, host));
    }

    /**
     * Section 4.1: a pattern names a host exactly (case-insensitively), or, starting with {@code
     * *.}, every host one label below the rest: {@code *.example.com} matches {@code
     * mx1.example.com} but neither {@code example.com} nor {@code a.b.example.com}.
     */
    public static boolean matches(String pattern, String host) {
        if (pattern == null || host == null) {
            return false;
        }
        String p = canonical(pattern);
        String h = canonical(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (p.startsWith("*.")) {
            String parent = p.substring(2);
            int dot = h.indexOf('.');
            return !parent.isEmpty()
                    && parent.indexOf('*') < 0
                    && dot > 0
                    && h.substring(dot + 1).equals(parent);
        }
        return p.indexOf('*') < 0 && p.equals(h);
    }

    private static String canonical(String name) {
        String n = LowerCase.of(name.strip());
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
