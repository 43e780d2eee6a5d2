package org.filtermx.infrastructure.filter.auth.dnsbl;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The names DNS lists are queried under (RFC 5782 section 2.1 and 2.4): an IPv4 address with its
 * octets reversed, an IPv6 address as 32 reversed nibbles, prefixed to the zone.
 */
final class DnsListQuery {

    private DnsListQuery() {}

    static String reversed(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int b = bytes[i] & 0xff;
            if (address instanceof Inet4Address) {
                name.append(b).append('.');
            } else {
                name.append(Character.forDigit(b & 0xf, 16)).append('.');
                name.append(Character.forDigit(b >> 4, 16)).append('.');
            }
        }
        return name.substring(0, name.length() - 1);
    }

    /**
     * Whether the address is one no public list can know: loopback, private (RFC 1918, RFC 4193),
     * shared (RFC 6598), link-local, unspecified or multicast. Queries for those only leak.
     */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            boolean shared = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            return !shared && (b[0] & 0xff) != 0;
        }
        return (b[0] & 0xfe) != 0xfc;
    }
}
