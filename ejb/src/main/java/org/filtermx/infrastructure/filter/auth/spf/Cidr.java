package org.filtermx.infrastructure.filter.auth.spf;

import java.net.InetAddress;

/** An address block in CIDR form, as the ip4, ip6, a and mx mechanisms compare against. */
record Cidr(InetAddress network, int prefixLength) {

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
