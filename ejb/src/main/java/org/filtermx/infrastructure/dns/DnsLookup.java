package org.filtermx.infrastructure.dns;

import java.net.InetAddress;

/**
 * The DNS queries sender authentication needs, each bounded by the caller's deadline; an
 * implementation never throws for DNS trouble but answers {@link
 * DnsAnswer.Status#TEMPORARY_FAILURE}. Names are given without a trailing dot.
 */
public interface DnsLookup {

    /** TXT records, each one's character-strings joined without separator (RFC 7208 3.3). */
    DnsAnswer<String> txt(String name, Deadline deadline);

    DnsAnswer<InetAddress> a(String name, Deadline deadline);

    DnsAnswer<InetAddress> aaaa(String name, Deadline deadline);

    /** The exchange host names of the MX records, most preferred first. */
    DnsAnswer<String> mx(String name, Deadline deadline);

    /** The host names the address maps back to ({@code in-addr.arpa} / {@code ip6.arpa}). */
    DnsAnswer<String> ptr(InetAddress address, Deadline deadline);
}
