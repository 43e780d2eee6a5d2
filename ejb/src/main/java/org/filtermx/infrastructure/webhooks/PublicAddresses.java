package org.filtermx.infrastructure.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a webhook host resolves to public addresses only. A host with any address on loopback, a
 * private (RFC 1918), link-local, unique-local (RFC 4193), shared CGNAT (RFC 6598), unspecified or
 * multicast network is refused, so a registered URL cannot reach the node's own network.
 */
final class PublicAddresses {

    private PublicAddresses() {}

    /** Why {@code host} may not be posted to, or {@code null} when all its addresses are public. */
    static String refusal(String host) {
        if (host == null || host.isEmpty()) {
            return "no host";
        }
        String name =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return "host not found";
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return "target address " + a.getHostAddress() + " is not public";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 and 100.64.0.0/10 (RFC 6598, carrier-grade NAT).
            return first != 0 && !(first == 100 && second >= 64 && second < 128);
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 (RFC 4193 unique local addresses).
            return (b[0] & 0xfe) != 0xfc;
        }
        return false;
    }
}
