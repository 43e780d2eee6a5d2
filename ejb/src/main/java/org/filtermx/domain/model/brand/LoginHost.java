package org.filtermx.domain.model.brand;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * The host name of a reseller's console login (a CNAME of the cluster's console): a DNS name of
 * letters, digits and hyphens (RFC 1035 section 2.3.1, IDNs in their A-label form), checked by a
 * linear scan and returned in lower case without a trailing dot.
 */
public final class LoginHost {

    public static final int MAX = 253;

    private LoginHost() {}

    /**
     * The lower-case host name; null for null or blank (no login host).
     *
     * @throws IllegalArgumentException when it is not a host name
     */
    public static String parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String host = LowerCase.of(value.strip());
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > MAX || !labels(host)) {
            throw new IllegalArgumentException(
                    "the login host must be a DNS host name such as console.example.net");
        }
        return host;
    }

    /** At least two labels of 1 to 63 characters, no hyphen at either end, a non-numeric TLD. */
    private static boolean labels(String host) {
        int labels = 0;
        int start = 0;
        boolean lastAllDigits = true;
        for (int i = 0; i <= host.length(); i++) {
            if (i == host.length() || host.charAt(i) == '.') {
                int length = i - start;
                if (length < 1
                        || length > 63
                        || host.charAt(start) == '-'
                        || host.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                start = i + 1;
                lastAllDigits = true;
                for (int j = i - length; j < i; j++) {
                    lastAllDigits &= Character.isDigit(host.charAt(j));
                }
                continue;
            }
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        // RFC 3696 section 2: a top-level domain is never all digits, so that is an IP address.
        return labels >= 2 && !lastAllDigits;
    }
}
