package org.filtermx.infrastructure.dns;

import java.util.List;

/**
 * The outcome of one DNS query: the records found, or why there are none, keeping a permanent
 * absence (NXDOMAIN, no data) apart from a temporary failure (timeout, SERVFAIL) because SPF, DKIM
 * and DMARC give different results for each.
 *
 * @param detail what went wrong for a temporary failure, empty otherwise
 * @param authenticated whether the resolver vouched for the answer with the AD bit (RFC 4035
 *     section 3.2.3): DNSSEC-validated data, or a validated denial for NXDOMAIN and NODATA. Only as
 *     good as the resolver ({@code FILTERMX_DNS}) and the path to it (RFC 7672 section 2.1)
 */
public record DnsAnswer<T>(Status status, List<T> values, String detail, boolean authenticated) {

    /** How a query ended. */
    public enum Status {
        FOUND,
        /** NOERROR without records of the asked type. */
        NO_DATA,
        NXDOMAIN,
        /** Timeout, SERVFAIL, REFUSED or the time budget spent: worth asking again later. */
        TEMPORARY_FAILURE
    }

    public DnsAnswer {
        values = List.copyOf(values);
        detail = detail == null ? "" : detail;
        if (status == Status.TEMPORARY_FAILURE) {
            authenticated = false;
        }
    }

    /** An answer the resolver did not vouch for (no AD bit). */
    public DnsAnswer(Status status, List<T> values, String detail) {
        this(status, values, detail, false);
    }

    /** This answer, marked as DNSSEC-authenticated or not (failures never are). */
    public DnsAnswer<T> authenticated(boolean ad) {
        return new DnsAnswer<>(status, values, detail, ad);
    }

    public static <T> DnsAnswer<T> found(List<T> values) {
        return values.isEmpty()
                ? new DnsAnswer<>(Status.NO_DATA, values, "")
                : new DnsAnswer<>(Status.FOUND, values, "");
    }

    public static <T> DnsAnswer<T> noData() {
        return new DnsAnswer<>(Status.NO_DATA, List.of(), "");
    }

    public static <T> DnsAnswer<T> nxdomain() {
        return new DnsAnswer<>(Status.NXDOMAIN, List.of(), "");
    }

    public static <T> DnsAnswer<T> temporaryFailure(String detail) {
        return new DnsAnswer<>(Status.TEMPORARY_FAILURE, List.of(), detail);
    }

    public boolean temporary() {
        return status == Status.TEMPORARY_FAILURE;
    }

    /** Whether the query answered "nothing here": the void lookup of RFC 7208 section 4.6.4. */
    public boolean isVoid() {
        return status == Status.NO_DATA || status == Status.NXDOMAIN;
    }
}
