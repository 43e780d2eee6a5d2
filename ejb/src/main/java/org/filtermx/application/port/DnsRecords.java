package org.filtermx.application.port;

import java.util.List;

/**
 * Fresh DNS answers (never a kept one) for the DNS status page: a tenant who has just published a
 * record and looks again must see it. At most {@link #MAX_RECORDS} values per answer.
 */
public interface DnsRecords {

    /** Records examined per question; a domain with more is told so, not scanned further. */
    int MAX_RECORDS = 20;

    /** What the resolver said. */
    enum Status {
        /** The name exists; the values may be empty (no records of the type). */
        FOUND,
        /** NXDOMAIN. */
        NO_SUCH_NAME,
        /** SERVFAIL, REFUSED or no answer in time; {@link Answer#detail()} says which. */
        FAILED
    }

    /** One MX record. */
    record Mx(String host, int preference) {}

    record Answer<T>(Status status, List<T> values, String detail) {}

    /** The MX records of {@code domain}, most preferred first. */
    Answer<Mx> mx(String domain);

    /** The TXT records of {@code name}, each one's strings joined. */
    Answer<String> txt(String name);

    /** The IPv4 and IPv6 addresses of {@code host}, as text, IPv4 first. */
    Answer<String> addresses(String host);
}
