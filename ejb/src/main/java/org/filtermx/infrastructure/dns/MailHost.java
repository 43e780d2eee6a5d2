package org.filtermx.infrastructure.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One mail server of a domain with its addresses, IPv4 first.
 *
 * @param name the MX target, or the domain itself for an implicit MX (RFC 5321 section 5.1)
 * @param preference the MX preference; 0 for an implicit MX
 * @param addresses the A and AAAA addresses, never empty
 */
public record MailHost(String name, int preference, List<InetAddress> addresses) {

    public MailHost {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("mail host without addresses: " + name);
        }
    }
}
