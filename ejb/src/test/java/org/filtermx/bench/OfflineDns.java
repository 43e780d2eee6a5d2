package org.filtermx.bench;

import java.net.InetAddress;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;

/**
 * A resolver that answers every query at once with a temporary failure, so that the benchmarks
 * never touch the network and measure the same thing on every machine. SPF, DKIM (for signed mail)
 * and DMARC then give temperror, unsigned mail DKIM none, all scored 0 by default; a permanent
 * answer such as NXDOMAIN would instead fail every DKIM key lookup and score {@code DKIM_INVALID},
 * which says nothing about the corpus.
 */
final class OfflineDns implements DnsLookup {

    private static final String DETAIL = "offline benchmark: no DNS";

    @Override
    public DnsAnswer<String> txt(String name, Deadline deadline) {
        return DnsAnswer.temporaryFailure(DETAIL);
    }

    @Override
    public DnsAnswer<InetAddress> a(String name, Deadline deadline) {
        return DnsAnswer.temporaryFailure(DETAIL);
    }

    @Override
    public DnsAnswer<InetAddress> aaaa(String name, Deadline deadline) {
        return DnsAnswer.temporaryFailure(DETAIL);
    }

    @Override
    public DnsAnswer<String> mx(String name, Deadline deadline) {
        return DnsAnswer.temporaryFailure(DETAIL);
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address, Deadline deadline) {
        return DnsAnswer.temporaryFailure(DETAIL);
    }
}
