package org.filtermx.infrastructure.filter.auth.dnsbl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.AuthorDomain;
import org.filtermx.infrastructure.filter.auth.IpLiteral;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;

/**
 * The {@code dnsbl} scanner: looks the client address up in IP lists and the MAIL FROM and From
 * domains in domain lists, one reason per zone that lists them. Addresses no public list can know
 * (loopback, private) are never sent out. A zone that does not answer within the time budget gives
 * {@code RBL_TEMPERROR} (zero score by default), never {@code ScannerUnavailable}.
 */
public final class DnsListScanner implements Scanner {

    private final DnsLookup dns;
    private final DnsListSettings settings;
    private final Executor executor;

    /** Queries the zones one after another on the calling thread. */
    public DnsListScanner(DnsLookup dns, DnsListSettings settings) {
        this(dns, settings, Runnable::run);
    }

    /**
     * @param executor runs the zone queries concurrently, e.g. a container's
     *     ManagedExecutorService; they all share one deadline either way
     */
    public DnsListScanner(DnsLookup dns, DnsListSettings settings, Executor executor) {
        this.dns = dns;
        this.settings = settings;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "dnsbl";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        if (settings.zones().isEmpty()) {
            return ScanResult.CLEAN;
        }
        Deadline deadline = Deadline.after(settings.timeBudget());
        Optional<InetAddress> client =
                IpLiteral.parse(message.clientIp()).filter(DnsListQuery::isPublic);
        Set<String> domains = senderDomains(message);
        List<CompletableFuture<Listing>> queries = new ArrayList<>();
        for (DnsListZone zone : settings.zones()) {
            if (zone.kind() == DnsListZone.Kind.DOMAIN_BLOCK) {
                domains.forEach(d -> queries.add(ask(zone, d, d, deadline)));
            } else if (client.isPresent()) {
                String subject = client.get().getHostAddress();
                String name = DnsListQuery.reversed(client.get());
                queries.add(ask(zone, subject, name, deadline));
            }
        }
        List<Listing> listings = queries.stream().map(CompletableFuture::join).toList();
        // One reason per zone, even when both sender domains are listed in it.
        Map<String, Reason> reasons = new LinkedHashMap<>();
        listings.stream()
                .filter(l -> l.returned() != null)
                .forEach(l -> reasons.putIfAbsent(l.zone().rule(), l.reason()));
        String failed =
                listings.stream()
                        .filter(Listing::temporary)
                        .map(l -> l.zone().zone())
                        .distinct()
                        .collect(Collectors.joining(", "));
        if (!failed.isEmpty()) {
            reasons.put("RBL_TEMPERROR", new Reason("RBL_TEMPERROR", settings.temperror(), failed));
        }
        return new ScanResult(List.copyOf(reasons.values()), false);
    }

    /** Asks {@code zone} about {@code subject}, queried as {@code prefix.zone}. */
    private CompletableFuture<Listing> ask(
            DnsListZone zone, String subject, String prefix, Deadline deadline) {
        return CompletableFuture.supplyAsync(
                () -> {
                    DnsAnswer<InetAddress> answer = dns.a(prefix + "." + zone.zone(), deadline);
                    String returned =
                            answer.values().stream()
                                    .map(InetAddress::getHostAddress)
                                    .filter(zone::lists)
                                    .findFirst()
                                    .orElse(null);
                    return new Listing(zone, subject, returned, answer.temporary());
                },
                executor);
    }

    /** The MAIL FROM and From domains, the identities domain lists are asked about. */
    private static Set<String> senderDomains(MessageUnderScan message) {
        Set<String> domains = new LinkedHashSet<>();
        String sender = message.reversePath() == null ? "" : message.reversePath();
        int at = sender.lastIndexOf('@');
        if (at >= 0 && sender.indexOf('.', at) > 0) {
            domains.add(OrganizationalDomain.normalize(sender.substring(at + 1)));
        }
        AuthorDomain author = AuthorDomain.of(message.parsed());
        if (author.valid()) {
            domains.add(author.domain());
        }
        return domains;
    }

    /**
     * One zone's answer about one address or domain.
     *
     * @param returned the listing code, {@code null} when not listed
     */
    private record Listing(DnsListZone zone, String subject, String returned, boolean temporary) {

        Reason reason() {
            String detail = subject + " listed, " + zone.zone() + " returned " + returned;
            return new Reason(zone.rule(), zone.score(), detail);
        }
    }
}
