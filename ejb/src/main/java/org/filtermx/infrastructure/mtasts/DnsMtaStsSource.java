package org.filtermx.infrastructure.mtasts;

import java.net.IDN;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.filtermx.application.port.MtaStsSource;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.smtp.CertificateCheck;

/**
 * MTA-STS policies from the network: the TXT record through the gateway's resolver, the policy
 * host's address through the same resolver, the file over verified HTTPS on {@code port} (443;
 * {@code FILTERMX_MTA_STS_PORT} only for tests).
 */
public final class DnsMtaStsSource implements MtaStsSource {

    /** Bound on each DNS question. */
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);

    /** Bound on the TCP connect to the policy host. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Bound on the whole HTTPS exchange after the connect. */
    static final Duration FETCH_DEADLINE = Duration.ofSeconds(20);

    private final DnsLookup dns;
    private final PolicyFetcher fetcher;
    private final int port;

    public DnsMtaStsSource(DnsLookup dns, CertificateCheck certificates, int port) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.fetcher = new PolicyFetcher(certificates, CONNECT_TIMEOUT, FETCH_DEADLINE);
        this.port = port;
    }

    @Override
    public Record record(String domain) {
        String name = "_mta-sts." + ascii(domain);
        DnsAnswer<String> answer = dns.txt(name, Deadline.after(DNS_TIMEOUT));
        return switch (answer.status()) {
            case FOUND ->
                    MtaStsRecord.id(answer.values())
                            .map(id -> new Record(Status.FOUND, id, null))
                            .orElseGet(
                                    () ->
                                            new Record(
                                                    Status.NONE,
                                                    null,
                                                    name + " has no single valid v=STSv1 record"));
            case NO_DATA, NXDOMAIN -> new Record(Status.NONE, null, name + " has no TXT record");
            case TEMPORARY_FAILURE ->
                    new Record(
                            Status.FAILED, null, "TXT lookup of " + name + ": " + answer.detail());
        };
    }

    @Override
    public Fetched fetch(String domain, String id) {
        String host = "mta-sts." + ascii(domain);
        List<InetAddress> addresses = new ArrayList<>();
        Deadline deadline = Deadline.after(DNS_TIMEOUT);
        DnsAnswer<InetAddress> a = dns.a(host, deadline);
        addresses.addAll(a.values());
        DnsAnswer<InetAddress> aaaa = dns.aaaa(host, deadline);
        addresses.addAll(aaaa.values());
        if (addresses.isEmpty()) {
            return Fetched.failed(
                    host + " has no address" + (a.temporary() ? " (" + a.detail() + ")" : ""));
        }
        try {
            String body = fetcher.fetch(host, addresses.get(0), port);
            return Fetched.of(MtaStsPolicyParser.parse(body, id));
        } catch (PolicyFetcher.FetchFailed e) {
            return Fetched.failed(e.getMessage());
        } catch (MtaStsPolicyParser.InvalidPolicy e) {
            return Fetched.failed("policy of " + domain + " is invalid: " + e.getMessage());
        }
    }

    private static String ascii(String domain) {
        String d = LowerCase.of(domain.strip());
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            return IDN.toASCII(d);
        } catch (IllegalArgumentException e) {
            return d;
        }
    }
}
