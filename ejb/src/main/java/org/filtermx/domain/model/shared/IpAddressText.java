package org.filtermx.domain.model.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an IP address literal (an SMTP client's, a web client's) without ever asking DNS: {@link
 * InetAddress#getByName} resolves anything that is not a literal, so only dotted quads and colon
 * forms get that far.
 */
public final class IpAddressText {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private static final int MAX_LITERAL = 45;

    private IpAddressText() {}

    /**
     * The address in {@code text}: {@code 192.0.2.1}, {@code 2001:db8::1}, optionally bracketed or
     * with the RFC 5321 {@code IPv6:} tag; IPv4-mapped IPv6 comes back as IPv4 (RFC 7208 section
     * 5).
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.regionMatches(true, 0, "IPv6:", 0, 5)) {
            literal = literal.substring(5);
        }
        // 45 characters hold any IPv6 text form; the cap bounds the IPV6 pattern's backtracking.
        if (literal.length() > MAX_LITERAL
                || !IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is a dotted-quad IPv4 address. */
    public static boolean isIpv4(String text) {
        return text.length() <= MAX_LITERAL && IPV4.matcher(text).matches();
    }
}
