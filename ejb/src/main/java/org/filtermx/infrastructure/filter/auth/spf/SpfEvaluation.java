package org.filtermx.infrastructure.filter.auth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;

/**
 * One run of check_host() (RFC 7208 section 4) for one client address, counting the DNS-querying
 * terms and void lookups across includes and redirects as section 4.6.4 requires. Not reusable.
 */
final class SpfEvaluation {

    /** Section 4.6.4: terms that cause DNS queries, across the whole evaluation. */
    static final int LOOKUP_LIMIT = 10;

    /** Section 4.6.4: lookups answering NXDOMAIN or no data, across the whole evaluation. */
    static final int VOID_LOOKUP_LIMIT = 2;

    /** Section 4.6.4: names looked at per mx and ptr mechanism. */
    static final int NAMES_PER_MECHANISM = 10;

    private final DnsLookup dns;
    private final Deadline deadline;
    private final InetAddress ip;
    private int lookups;
    private int voidLookups;

    SpfEvaluation(DnsLookup dns, Deadline deadline, InetAddress ip) {
        this.dns = dns;
        this.deadline = deadline;
        this.ip = ip;
    }

    /**
     * check_host() for {@code macro.domain()}; the outcome's detail names the deciding term.
     *
     * @throws SpfException for temperror and permerror
     */
    SpfOutcome checkHost(SpfMacro macro) throws SpfException {
        String domain = macro.domain();
        if (!SpfCheck.validDomain(domain)) {
            return new SpfOutcome(SpfResult.NONE, domain, false, "not a domain name");
        }
        SpfRecord record = fetchRecord(domain);
        if (record == null) {
            return new SpfOutcome(SpfResult.NONE, domain, false, "no SPF record");
        }
        for (SpfMechanism mechanism : record.mechanisms()) {
            if (matches(mechanism, macro)) {
                return new SpfOutcome(mechanism.qualifier(), domain, false, mechanism.term());
            }
        }
        if (record.redirect() != null) {
            // Section 6.1: the redirect target's result stands, except none becomes permerror.
            countLookup();
            String target = macro.expandDomain(record.redirect());
            SpfOutcome redirected = checkHost(macro.withDomain(target));
            if (redirected.result() == SpfResult.NONE) {
                throw SpfException.permanent("redirect to " + target + " without SPF record");
            }
            return redirected;
        }
        return new SpfOutcome(SpfResult.NEUTRAL, domain, false, "no mechanism matched");
    }

    /** Section 4.4 and 4.5: exactly one "v=spf1" record, or none. */
    private SpfRecord fetchRecord(String domain) throws SpfException {
        DnsAnswer<String> txt = dns.txt(domain, deadline);
        if (txt.temporary()) {
            throw SpfException.temporary(txt.detail());
        }
        List<String> records = txt.values().stream().filter(SpfRecord::isSpf).toList();
        if (records.size() > 1) {
            throw SpfException.permanent(domain + " has " + records.size() + " SPF records");
        }
        return records.isEmpty() ? null : SpfRecord.parse(records.get(0));
    }

    private boolean matches(SpfMechanism mechanism, SpfMacro macro) throws SpfException {
        switch (mechanism.name()) {
            case "all":
                return true;
            case "ip4":
            case "ip6":
                return mechanism.network().contains(ip);
            case "include":
                return include(mechanism, macro);
            case "exists":
                countLookup();
                return !checked(dns.a(target(mechanism, macro), deadline)).isEmpty();
            case "a":
                countLookup();
                return matchesAny(checked(addresses(target(mechanism, macro))), mechanism);
            case "mx":
                countLookup();
                return mx(mechanism, macro);
            default:
                countLookup();
                return ptr(target(mechanism, macro));
        }
    }

    /** Section 5.2: only pass matches; none and permerror below become permerror here. */
    private boolean include(SpfMechanism mechanism, SpfMacro macro) throws SpfException {
        countLookup();
        String target = target(mechanism, macro);
        SpfOutcome included = checkHost(macro.withDomain(target));
        if (included.result() == SpfResult.NONE) {
            throw SpfException.permanent("include:" + target + " has no SPF record");
        }
        return included.result() == SpfResult.PASS;
    }

    /** Section 5.4: the addresses of up to ten MX hosts. */
    private boolean mx(SpfMechanism mechanism, SpfMacro macro) throws SpfException {
        List<String> hosts = checked(dns.mx(target(mechanism, macro), deadline));
        if (hosts.size() > NAMES_PER_MECHANISM) {
            throw SpfException.permanent(mechanism.term() + " has over ten MX hosts");
        }
        for (String host : hosts) {
            DnsAnswer<InetAddress> addresses = addresses(host);
            if (addresses.temporary()) {
                throw SpfException.temporary(addresses.detail());
            }
            if (matchesAny(addresses.values(), mechanism)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Section 5.5, kept minimal as the RFC asks: a validated reverse name equal to or under the
     * target matches; DNS errors here only mean no match.
     */
    private boolean ptr(String target) {
        return dns.ptr(ip, deadline).values().stream()
                .limit(NAMES_PER_MECHANISM)
                .map(n -> LowerCase.of(n))
                .filter(n -> n.equals(target) || n.endsWith("." + target))
                .anyMatch(n -> addresses(n).values().contains(ip));
    }

    private boolean matchesAny(List<InetAddress> addresses, SpfMechanism mechanism) {
        int prefix = ip instanceof Inet4Address ? mechanism.ip4Prefix() : mechanism.ip6Prefix();
        return addresses.stream().anyMatch(a -> new Cidr(a, prefix).contains(ip));
    }

    /** A records for an IPv4 client, AAAA for IPv6 (section 5.3). */
    private DnsAnswer<InetAddress> addresses(String host) {
        return ip instanceof Inet4Address ? dns.a(host, deadline) : dns.aaaa(host, deadline);
    }

    private String target(SpfMechanism mechanism, SpfMacro macro) throws SpfException {
        String spec = mechanism.domainSpec();
        return spec == null ? macro.domain() : LowerCase.of(macro.expandDomain(spec));
    }

    /** The answer's values; a temporary failure is temperror, a void answer counts as one. */
    private <T> List<T> checked(DnsAnswer<T> answer) throws SpfException {
        if (answer.temporary()) {
            throw SpfException.temporary(answer.detail());
        }
        if (answer.isVoid() && ++voidLookups > VOID_LOOKUP_LIMIT) {
            throw SpfException.permanent("more than " + VOID_LOOKUP_LIMIT + " void lookups");
        }
        return answer.values();
    }

    private void countLookup() throws SpfException {
        if (++lookups > LOOKUP_LIMIT) {
            throw SpfException.permanent("more than " + LOOKUP_LIMIT + " DNS lookups");
        }
    }
}
