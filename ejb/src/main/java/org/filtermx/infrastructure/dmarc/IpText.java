package org.filtermx.infrastructure.dmarc;

/**
 * Whether a text is an IPv4 or IPv6 address literal, by a plain character scan (never {@code
 * InetAddress.getByName}, which would ask DNS for a name).
 */
final class IpText {

    private IpText() {}

    static boolean isAddress(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        return text.indexOf(':') >= 0 ? isIpv6(text) : isIpv4(text);
    }

    static boolean isIpv4(String text) {
        int parts = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    private static boolean isIpv6(String text) {
        int groups = 0;
        int hex = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                hex = 0;
                groups++;
            } else if (Character.digit(c, 16) >= 0 && c < 128) {
                if (++hex > 4) {
                    return false;
                }
            } else if (c == '.') {
                // an embedded IPv4 tail (::ffff:192.0.2.1)
                int start = text.lastIndexOf(':') + 1;
                return start > 0 && isIpv4(text.substring(start)) && groups <= 7;
            } else {
                return false;
            }
        }
        return groups >= 2 && groups <= 8;
    }
}
