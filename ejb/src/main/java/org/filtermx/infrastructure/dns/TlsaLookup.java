package org.filtermx.infrastructure.dns;

import java.net.IDN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up the TLSA records of an SMTP server ({@code _25._tcp.<host>}, RFC 7672 section 2.2) and
 * says whether DNSSEC vouched for the answer, which is what DANE turns on: only a secure TLSA RRset
 * makes TLS mandatory and authenticated; an insecure answer means no DANE; a failed lookup
 * (SERVFAIL, which is also how a validating resolver reports bogus data, or a timeout) must not be
 * taken for "no records" and makes the host unusable until a later try (RFC 7672 section 2.2).
 *
 * <p>Ask only for hosts whose addresses are secure ({@link MailHost#secure()}): RFC 7672 section
 * 2.2 skips the TLSA lookup otherwise, also because some name servers of unsigned zones answer TLSA
 * queries with SERVFAIL. Answers go through the node's {@link DnsClient} and its cache. At most
 * {@link #MAX_RECORDS} records are kept and records with more than {@link #MAX_DATA_OCTETS} octets
 * of data are left out; both caps keep a hostile zone from making the TLS handshake's matching
 * expensive. Thread-safe.
 */
public final class TlsaLookup {

    /** Bound on one lookup when the caller gives no deadline. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** TLSA records of one host kept at most; the rest are ignored. */
    public static final int MAX_RECORDS = 32;

    /**
     * Longest certificate association data kept: a Full(0) certificate of a large RSA key fits with
     * room to spare; digests are 32 or 64 octets.
     */
    public static final int MAX_DATA_OCTETS = 8192;

    /** What DNSSEC says about a host's TLSA records. */
    public enum Status {
        /** An authenticated TLSA RRset: DANE applies, TLS is mandatory (records may be empty). */
        SECURE,
        /** An authenticated denial (NXDOMAIN or NODATA): the host publishes no TLSA records. */
        SECURE_NONE,
        /** The answer (records or denial) was not authenticated: DANE does not apply. */
        INSECURE,
        /** SERVFAIL (bogus data too), REFUSED or no answer in time: defer, never deliver now. */
        FAILED
    }

    /**
     * A TLSA lookup's outcome.
     *
     * @param records the records for {@link Status#SECURE} (within the caps; empty if every record
     *     was over them), empty otherwise
     * @param detail why, for {@link Status#FAILED}; empty otherwise
     */
    public record Result(Status status, List<TlsaRecord> records, String detail) {
        public Result {
            records = List.copyOf(records);
            detail = detail == null ? "" : detail;
        }
    }

    private final DnsClient dns;
    private final Duration timeout;

    /**
     * Looks up through this node's shared client.
     *
     * @param server the validating resolver as {@code host}, {@code host:port} or {@code
     *     [ipv6]:port} ({@code FILTERMX_DNS}); blank for the system's
     */
    public TlsaLookup(String server) {
        this(DnsClient.shared(server), DEFAULT_TIMEOUT);
    }

    public TlsaLookup(DnsClient dns, Duration timeout) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The TLSA records of {@code host} for TCP {@code port}, within this lookup's timeout. */
    public Result lookup(String host, int port) {
        return lookup(host, port, Deadline.after(timeout));
    }

    /** The TLSA records of {@code host} for TCP {@code port}, within {@code deadline}. */
    public Result lookup(String host, int port, Deadline deadline) {
        Name name;
        try {
            name = Name.fromString(ownerName(host, port), Name.root);
        } catch (TextParseException | IllegalArgumentException e) {
            return new Result(Status.FAILED, List.of(), "invalid TLSA name for host " + host);
        }
        DnsAnswer<Record> answer = dns.records(name, Type.TLSA, deadline);
        return switch (answer.status()) {
            case TEMPORARY_FAILURE -> new Result(Status.FAILED, List.of(), answer.detail());
            case NXDOMAIN, NO_DATA ->
                    new Result(
                            answer.authenticated() ? Status.SECURE_NONE : Status.INSECURE,
                            List.of(),
                            "");
            case FOUND ->
                    answer.authenticated()
                            ? new Result(Status.SECURE, kept(answer.values()), "")
                            : new Result(Status.INSECURE, List.of(), "");
        };
    }

    /**
     * The TLSA owner name of RFC 6698 section 3 for an SMTP server: {@code _<port>._tcp.<host>},
     * the host as an A-label without a trailing dot.
     *
     * @throws IllegalArgumentException for a host name IDNA cannot convert or a bad port
     */
    public static String ownerName(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        String ascii = IDN.toASCII(host.strip());
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        return "_" + port + "._tcp." + ascii;
    }

    /** The records within the caps, as FilterMX's own type. */
    static List<TlsaRecord> kept(List<Record> records) {
        List<TlsaRecord> kept = new ArrayList<>();
        for (Record record : records) {
            if (kept.size() == MAX_RECORDS) {
                break;
            }
            TLSARecord tlsa = (TLSARecord) record;
            byte[] data = tlsa.getCertificateAssociationData();
            if (data.length <= MAX_DATA_OCTETS) {
                kept.add(
                        new TlsaRecord(
                                tlsa.getCertificateUsage(),
                                tlsa.getSelector(),
                                tlsa.getMatchingType(),
                                data));
            }
        }
        return kept;
    }
}
