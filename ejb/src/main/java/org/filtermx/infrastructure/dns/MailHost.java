package org.filtermx.infrastructure.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One mail server of a domain with its addresses, IPv4 first, and whether DNSSEC vouched for the
 * way to it, which decides whether DANE applies to it (RFC 7672 section 2.2.1).
 *
 * @param name the MX target, or the domain itself for an implicit MX (RFC 5321 section 5.1)
 * @param preference the MX preference; 0 for an implicit MX
 * @param addresses the A and AAAA addresses, never empty
 * @param secure whether the MX answer (or, for an implicit MX, the denial of MX records) and every
 *     address answer used were authenticated by the resolver and no CNAME was involved: only then
 *     is the host's TLSA RRset looked up ({@link TlsaLookup}, base domain {@link #name()}); an
 *     insecure host gets no DANE
 */
public record MailHost(String name, int preference, List<InetAddress> addresses, boolean secure) {

    public MailHost {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("mail host without addresses: " + name);
        }
    }

    /** A host DNSSEC did not vouch for. */
    public MailHost(String name, int preference, List<InetAddress> addresses) {
        this(name, preference, addresses, false);
    }
}
