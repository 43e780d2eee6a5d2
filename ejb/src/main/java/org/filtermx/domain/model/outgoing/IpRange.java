package org.filtermx.domain.model.outgoing;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.filtermx.domain.model.shared.IpAddressText;

/**
 * An address or CIDR range (RFC 4632 for IPv4, RFC 4291 section 2.3 for IPv6) of an IP-authorized
 * outgoing user, kept as IPv4-mapped IPv6 (RFC 4291 section 2.5.5.2) so that both families compare
 * as one 128-bit space. Read by splitting at {@code /} and counting digits, never by a pattern; the
 * text is capped before anything else looks at it.
 *
 * @param text the range as written back to people: {@code 192.0.2.0/24}, {@code 2001:db8::/48}, or
 *     a single address without a prefix
 * @param first the first address, 16 bytes
 * @param last the last address, 16 bytes
 * @param prefixBits the prefix length in the 128-bit form (an IPv4 /24 is 120)
 */
public record IpRange(String text, byte[] first, byte[] last, int prefixBits) {

    /** Longest text read: an IPv6 literal (45) with {@code /128}. */
    public static final int MAX_TEXT = 49;

    private static final byte[] MAPPED_PREFIX = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
    };

    /**
     * The range in {@code text}, or an {@link IllegalArgumentException} saying in words what is
     * wrong with it.
     */
    public static IpRange parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an address or range is empty");
        }
        if (t.length() > MAX_TEXT) {
            throw new IllegalArgumentException(
                    "'" + t.substring(0, 20) + "...' is too long for an address or range");
        }
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        Optional<InetAddress> parsed =
                address.startsWith("[") || address.regionMatches(true, 0, "IPv6:", 0, 5)
                        ? Optional.empty()
                        : IpAddressText.parse(address);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("'" + t + "' is not an IPv4 or IPv6 address");
        }
        boolean v4 = parsed.get().getAddress().length == 4;
        int familyBits = v4 ? 32 : 128;
        int prefix = slash < 0 ? familyBits : prefixLength(t, t.substring(slash + 1), familyBits);
        byte[] first = mapped(parsed.get());
        int bits = prefix + (v4 ? 96 : 0);
        byte[] network = mask(first, bits);
        if (!java.util.Arrays.equals(network, first)) {
            throw new IllegalArgumentException(
                    "'"
                            + t
                            + "' has bits set after the prefix; the range starts at "
                            + show(network, v4)
                            + "/"
                            + prefix);
        }
        String shown =
                address.toLowerCase(java.util.Locale.ROOT)
                        + (prefix == familyBits ? "" : "/" + prefix);
        return new IpRange(shown, first, last(first, bits), bits);
    }

    private static int prefixLength(String t, String digits, int familyBits) {
        if (digits.isEmpty()
                || digits.length() > 3
                || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + t + "' has no prefix length after '/'");
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > familyBits) {
            throw new IllegalArgumentException(
                    "'" + t + "': the prefix length is at most " + familyBits);
        }
        return prefix;
    }

    /** Whether this is an IPv4 range. */
    public boolean ipv4() {
        return prefixBits >= 96 && java.util.Arrays.equals(MAPPED_PREFIX, 0, 12, first, 0, 12);
    }

    /** The prefix length as written: 0 to 32 for IPv4, 0 to 128 for IPv6. */
    public int prefixLength() {
        return ipv4() ? prefixBits - 96 : prefixBits;
    }

    /** Whether {@code address} (an IP literal; anything else is not contained) is in the range. */
    public boolean contains(String address) {
        return key(address)
                .map(k -> k.compareTo(firstKey()) >= 0 && k.compareTo(lastKey()) <= 0)
                .orElse(false);
    }

    /** Whether the two ranges share an address. */
    public boolean overlaps(IpRange other) {
        return firstKey().compareTo(other.lastKey()) <= 0
                && other.firstKey().compareTo(lastKey()) <= 0;
    }

    /** The first address as 32 lower-case hex digits: text order is address order. */
    public String firstKey() {
        return HexFormat.of().formatHex(first);
    }

    public String lastKey() {
        return HexFormat.of().formatHex(last);
    }

    /**
     * The 32-hex-digit key of a client address (IPv4 mapped), as stored ranges are compared with;
     * empty when {@code address} is not an IP literal.
     */
    public static Optional<String> key(String address) {
        if (address == null || address.length() > MAX_TEXT) {
            return Optional.empty();
        }
        return IpAddressText.parse(address).map(a -> HexFormat.of().formatHex(mapped(a)));
    }

    private static byte[] mapped(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] bytes = new byte[16];
        System.arraycopy(MAPPED_PREFIX, 0, bytes, 0, 12);
        System.arraycopy(raw, 0, bytes, 12, 4);
        return bytes;
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (address[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static byte[] last(byte[] network, int bits) {
        byte[] out = network.clone();
        for (int i = 0; i < 16; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] | (0xff >>> keep));
        }
        return out;
    }

    private static String show(byte[] mapped, boolean v4) {
        try {
            byte[] raw = v4 ? java.util.Arrays.copyOfRange(mapped, 12, 16) : mapped;
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
