package org.filtermx.infrastructure.dns;

import java.net.IDN;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.filtermx.infrastructure.smtp.Destination;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where to deliver mail for a domain FilterMX does not host (DSNs to outside senders,
 * outbound mail): its MX hosts in preference order with their addresses, following RFC 5321 section
 * 5.1 and the null MX of RFC 7505.
 *
 * <p>Queries go through the node's {@link DnsClient} (its resolver, answer cache and per-query
 * timeout); the whole resolution of a domain is bounded by one deadline.
 *
 * <p>Each host says whether DNSSEC vouched for it ({@link MailHost#secure()}, RFC 7672 section
 * 2.2.1): the MX answer and the host's address answers all authenticated. A host whose addresses
 * are reached through a CNAME counts as insecure: RFC 7672 section 2.2.2 would have the TLSA
 * records looked up at the expanded name first, and FilterMX does not follow that (the MX target
 * must not be an alias anyway, RFC 2181 section 10.3). Thread-safe.
 */
public final class MxResolver {

    /** Bound on resolving one domain, all its MX hosts included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** RFC 5321 section 4.5.4.2 / IANA: the port MX delivery uses. */
    public static final int SMTP_PORT = 25;

    private final DnsClient dns;
    private final Duration timeout;
    private final int port;

    /**
     * Resolves through this node's shared client.
     *
     * @param server the recursive resolver as {@code host}, {@code host:port} or {@code
     *     [ipv6]:port}; {@code null} or blank for the system resolver
     */
    public MxResolver(String server) {
        this(DnsClient.shared(server), DEFAULT_TIMEOUT);
    }

    /**
     * Resolves through this node's shared client, the destinations on {@code port} ({@code
     * FILTERMX_MX_PORT}: 25 but in tests, whose MX listens on an unprivileged port).
     */
    public MxResolver(String server, int port) {
        this(DnsClient.shared(server), DEFAULT_TIMEOUT, port);
    }

    /** Resolves through {@code dns}, each domain within {@code timeout}. */
    public MxResolver(DnsClient dns, Duration timeout) {
        this(dns, timeout, SMTP_PORT);
    }

    /**
     * Resolves through {@code dns}, each domain within {@code timeout}, destinations on {@code
     * port}.
     */
    public MxResolver(DnsClient dns, Duration timeout, int port) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
    }

    /**
     * The SMTP destinations for {@code domain}: each MX host's addresses (IPv4 first) on port 25
     * (or the configured one), hosts in preference order, to be tried in turn.
     *
     * @throws MxLookupException if there is none; permanent for NXDOMAIN, a null MX or no addresses
     *     at all, temporary for SERVFAIL or timeout
     */
    public List<Destination> resolve(String domain) throws MxLookupException {
        List<Destination> destinations = new ArrayList<>();
        for (MailHost host : resolveHosts(domain)) {
            for (InetAddress address : host.addresses()) {
                destinations.add(new Destination(host.name(), port, address));
            }
        }
        return destinations;
    }

    /** The mail hosts of {@code domain} in the order to try them; see {@link #resolve}. */
    public List<MailHost> resolveHosts(String domain) throws MxLookupException {
        Name name = toName(domain);
        Deadline deadline = Deadline.after(timeout);
        DnsAnswer<Record> mx = dns.records(name, Type.MX, deadline);
        if (mx.status() == DnsAnswer.Status.NXDOMAIN) {
            throw MxLookupException.permanent("domain " + domain + " does not exist (NXDOMAIN)");
        }
        if (mx.temporary()) {
            throw MxLookupException.temporary(
                    "DNS lookup of " + domain + " MX failed: " + mx.detail());
        }
        if (mx.values().isEmpty()) {
            // RFC 5321 section 5.1: no MX records, so the domain itself is the implicit MX.
            Addresses addresses = addresses(deadline, name);
            if (addresses.found().isEmpty()) {
                throw MxLookupException.permanent(
                        "domain " + domain + " has no MX or address records");
            }
            return List.of(
                    new MailHost(
                            hostName(name),
                            0,
                            addresses.found(),
                            mx.authenticated() && addresses.secure()));
        }
        List<MXRecord> records = mx.values().stream().map(MXRecord.class::cast).toList();
        if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
            throw MxLookupException.permanent(
                    "domain " + domain + " accepts no mail (null MX, RFC 7505)");
        }
        List<MailHost> hosts = new ArrayList<>();
        MxLookupException lastTemporary = null;
        for (MXRecord record : inPreferenceOrder(records)) {
            try {
                Addresses addresses = addresses(deadline, record.getTarget());
                if (!addresses.found().isEmpty()) {
                    hosts.add(
                            new MailHost(
                                    hostName(record.getTarget()),
                                    record.getPriority(),
                                    addresses.found(),
                                    mx.authenticated() && addresses.secure()));
                }
            } catch (MxLookupException e) {
                lastTemporary = e;
            }
        }
        if (hosts.isEmpty()) {
            throw lastTemporary != null
                    ? lastTemporary
                    : MxLookupException.permanent("no MX host of " + domain + " has an address");
        }
        return hosts;
    }

    /**
     * Sorts by preference, shuffling hosts of equal preference to spread the load (RFC 5321 section
     * 5.1); skips {@code .} targets, which only mean "no mail" as the sole MX.
     */
    private static List<MXRecord> inPreferenceOrder(List<MXRecord> records) {
        Map<Integer, List<MXRecord>> byPreference = new TreeMap<>();
        for (MXRecord record : records) {
            if (!record.getTarget().equals(Name.root)) {
                byPreference
                        .computeIfAbsent(record.getPriority(), p -> new ArrayList<>())
                        .add(record);
            }
        }
        List<MXRecord> ordered = new ArrayList<>();
        for (List<MXRecord> equal : byPreference.values()) {
            Collections.shuffle(equal, ThreadLocalRandom.current());
            ordered.addAll(equal);
        }
        return ordered;
    }

    /**
     * A host's addresses, and whether every answer that gave them (or denied them) was
     * authenticated and owned by the host itself (no CNAME).
     */
    private record Addresses(List<InetAddress> found, boolean secure) {}

    /** A then AAAA; a missing name or type gives no addresses, a failed lookup of both throws. */
    private Addresses addresses(Deadline deadline, Name host) throws MxLookupException {
        List<InetAddress> addresses = new ArrayList<>();
        DnsAnswer<Record> a = dns.records(host, Type.A, deadline);
        a.values().forEach(r -> addresses.add(((ARecord) r).getAddress()));
        DnsAnswer<Record> aaaa = dns.records(host, Type.AAAA, deadline);
        aaaa.values().forEach(r -> addresses.add(((AAAARecord) r).getAddress()));
        if (addresses.isEmpty() && (a.temporary() || aaaa.temporary())) {
            String detail = a.temporary() ? a.detail() : aaaa.detail();
            throw MxLookupException.temporary(
                    "DNS lookup of " + hostName(host) + " failed: " + detail);
        }
        // A failed lookup of one family loses its addresses but not the other's authentication.
        boolean secure =
                (a.authenticated() || aaaa.authenticated())
                        && vouchedFor(a, host)
                        && vouchedFor(aaaa, host);
        return new Addresses(addresses, secure);
    }

    private static boolean vouchedFor(DnsAnswer<Record> answer, Name host) {
        return answer.temporary()
                || answer.authenticated()
                        && answer.values().stream().allMatch(r -> r.getName().equals(host));
    }

    private static Name toName(String domain) throws MxLookupException {
        try {
            // Queries carry A-labels (RFC 5890); a trailing dot is allowed.
            return Name.fromString(IDN.toASCII(domain.strip()), Name.root);
        } catch (TextParseException | IllegalArgumentException e) {
            throw MxLookupException.permanent("invalid domain name: " + domain);
        }
    }

    private static String hostName(Name name) {
        return name.toString(true);
    }
}
