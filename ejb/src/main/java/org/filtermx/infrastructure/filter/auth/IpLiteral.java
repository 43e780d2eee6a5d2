package org.filtermx.infrastructure.filter.auth;

import java.net.InetAddress;
import java.util.Optional;
import org.filtermx.domain.model.shared.IpAddressText;

/**
 * Reads the SMTP client's address without ever asking DNS: {@link InetAddress#getByName} resolves
 * anything that is not a literal, so only dotted quads and colon forms get that far.
 */
public final class IpLiteral {

    private IpLiteral() {}

    /** The address in {@code text}, as {@link IpAddressText#parse} reads it. */
    public static Optional<InetAddress> parse(String text) {
        return IpAddressText.parse(text);
    }

    /** Whether {@code text} is a dotted-quad IPv4 address. */
    public static boolean isIpv4(String text) {
        return IpAddressText.isIpv4(text);
    }
}
