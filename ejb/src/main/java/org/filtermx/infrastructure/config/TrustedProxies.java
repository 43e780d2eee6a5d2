package org.filtermx.infrastructure.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.ProxyTrust;
import org.filtermx.infrastructure.filter.auth.IpLiteral;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code FILTERMX_TRUSTED_PROXIES}:
 * addresses and CIDR blocks, IPv4 and IPv6, separated by commas or spaces; empty trusts none). A
 * request's client is its socket peer unless that peer is trusted; then the header is read from the
 * right, skipping trusted hops, and the first address not trusted is the client. Each proxy appends
 * the peer it saw, so whatever a client wrote itself stays to the left of the entries it cannot
 * forge. The header is cut to its last {@value #MAX_HEADER} characters and {@value #MAX_HOPS}
 * entries first and scanned without patterns.
 */
public final class TrustedProxies implements ProxyTrust {

    static final int MAX_HEADER = 4096;
    static final int MAX_HOPS = 20;
    private static final int MAX_LITERAL = 64;

    /** An address block. */
    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Trusts no proxy: the socket peer is always the client. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Reads the setting.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or block
     */
    public static TrustedProxies parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String item : setting.replace(',', ' ').strip().split(" +")) {
            int slash = item.indexOf('/');
            String literal = slash < 0 ? item : item.substring(0, slash);
            InetAddress address =
                    literal(literal)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "FILTERMX_TRUSTED_PROXIES: not an address: "
                                                            + item));
            int max = address.getAddress().length * 8;
            int prefix = max;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(item.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException(
                            "FILTERMX_TRUSTED_PROXIES: not a prefix length: " + item);
                }
            }
            blocks.add(new Block(address.getAddress(), prefix));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    @Override
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} (an IP literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        return !blocks.isEmpty() && literal(address).map(a -> trusts(a.getAddress())).orElse(false);
    }

    private boolean trusts(byte[] address) {
        for (Block b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client of a request that came from {@code peer} with these {@code X-Forwarded-For} header
     * fields (in the order received; several fields are one comma-separated list, RFC 9110 section
     * 5.3).
     */
    @Override
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        String header = String.join(",", forwardedFor);
        if (header.length() > MAX_HEADER) {
            header = header.substring(header.length() - MAX_HEADER);
        }
        String client = peer;
        int end = header.length();
        for (int hops = 0; hops < MAX_HOPS && end > 0; hops++) {
            int comma = header.lastIndexOf(',', end - 1);
            Optional<InetAddress> hop =
                    literal(withoutPort(header.substring(comma + 1, end).strip()));
            if (hop.isEmpty()) {
                // Not written by a proxy we trust (they append what they saw): the last hop is what
                // we know.
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusts(hop.get().getAddress())) {
                return client;
            }
            end = comma < 0 ? 0 : comma;
        }
        return client;
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711} without their ports. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        return colon >= 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }

    private static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LITERAL) {
            return Optional.empty();
        }
        return IpLiteral.parse(text);
    }
}
