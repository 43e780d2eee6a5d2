package org.filtermx.smtp.server.netty;

import java.net.InetAddress;

/**
 * A client's IP address as the listeners report and count it. The text is one form for each
 * address, so that logs, Received fields and throttles that key on it agree: an IPv6 address in the
 * canonical form of RFC 5952 section 4 ({@code 2001:db8::1}, never Java's {@code
 * 2001:db8:0:0:0:0:0:1} nor a {@code %scope} suffix), and an IPv4-mapped IPv6 address ({@code
 * ::ffff:192.0.2.1}, what a dual-stack socket may report for an IPv4 client) as the IPv4 address.
 *
 * <p>The connection limits count an IPv6 client by its /64: RFC 4291 section 2.5.4 makes a /64 one
 * subnet, and a single host commonly holds a whole /64 (SLAAC privacy addresses, RFC 8981), so
 * counting single addresses would let one client open as many connections as it picks addresses.
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** The address as text: dotted quad for IPv4 (mapped or not), RFC 5952 form for IPv6. */
    public static String text(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return dottedQuad(bytes, 0);
        }
        if (isIpv4Mapped(bytes)) {
            return dottedQuad(bytes, 12);
        }
        return ipv6(bytes);
    }

    /**
     * What the per-address connection limit counts: the IPv4 address itself ({@code 192.0.2.1}), or
     * the /64 of an IPv6 address ({@code 2001:db8:0:1::/64}).
     */
    public static String network(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 || isIpv4Mapped(bytes)) {
            return text(address);
        }
        byte[] prefix = bytes.clone();
        for (int i = 8; i < 16; i++) {
            prefix[i] = 0;
        }
        return ipv6(prefix) + "/64";
    }

    /** RFC 4291 section 2.5.5.2: {@code ::ffff:0:0/96}. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16 || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String dottedQuad(byte[] bytes, int from) {
        return (bytes[from] & 0xff)
                + "."
                + (bytes[from + 1] & 0xff)
                + "."
                + (bytes[from + 2] & 0xff)
                + "."
                + (bytes[from + 3] & 0xff);
    }

    /**
     * RFC 5952 section 4: lower-case hex without leading zeros, the longest run of two or more zero
     * groups (the first of equal runs) shortened to {@code ::}.
     */
    private static String ipv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
