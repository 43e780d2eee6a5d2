package org.filtermx.application.internal.verification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The client's network as greylisting keys it (ADR 0032): the /24 of an IPv4 address, the /64 of an
 * IPv6 address, since a sending cluster retries from another address of the same network. An
 * IPv4-mapped IPv6 address counts as IPv4.
 */
final class ClientSubnet {

    private ClientSubnet() {}

    /**
     * The subnet of {@code address} (an IP literal, as the connector reports the peer) as text,
     * {@code 192.0.2.0/24} or {@code 2001:db8:0:1:0:0:0:0/64}; the address itself when it is not an
     * IP literal.
     */
    static String of(String address) {
        if (address.isEmpty() || !isLiteral(address)) {
            return address;
        }
        try {
            // A literal (checked above) is parsed, never resolved.
            InetAddress ip = InetAddress.getByName(address);
            byte[] bytes = ip.getAddress();
            if (ip instanceof Inet4Address) {
                bytes[3] = 0;
                return InetAddress.getByAddress(bytes).getHostAddress() + "/24";
            }
            if (ip instanceof Inet6Address) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /**
     * An IPv4 literal (digits and dots) or an IPv6 literal (hex digits, colons, dots of an embedded
     * IPv4 address): never a name that would be looked up.
     */
    private static boolean isLiteral(String address) {
        if (address.length() > 64) {
            return false;
        }
        boolean v6 = address.indexOf(':') >= 0;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9')
                            || c == '.'
                            || (v6
                                    && (c == ':'
                                            || (c >= 'a' && c <= 'f')
                                            || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
