package org.filtermx.application.internal.posture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.application.port.DnsRecords;

/**
 * The {@code _dmarc.<domain>} TXT answers through the gateway's resolver (with its timeouts), kept
 * for {@link #TTL} per domain so that a page reload asks DNS once; at most {@link #MAX_ENTRIES}
 * domains are kept (all dropped when full: the cache is a convenience, not a store).
 */
@ApplicationScoped
public class DmarcRecordLookup {

    static final Duration TTL = Duration.ofMinutes(2);
    static final int MAX_ENTRIES = 10_000;

    private record Kept(DnsRecords.Answer<String> answer, Instant until) {}

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    @Inject private DnsRecords dns;
    private Clock clock = Clock.systemUTC();

    public DmarcRecordLookup() {}

    DmarcRecordLookup(DnsRecords dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    public DnsRecords.Answer<String> txt(String domain) {
        Instant now = clock.instant();
        Kept k = kept.get(domain);
        if (k != null && k.until().isAfter(now)) {
            return k.answer();
        }
        DnsRecords.Answer<String> answer = dns.txt("_dmarc." + domain);
        if (answer.status() != DnsRecords.Status.FAILED) {
            if (kept.size() >= MAX_ENTRIES) {
                kept.clear();
            }
            kept.put(domain, new Kept(answer, now.plus(TTL)));
        }
        return answer;
    }
}
