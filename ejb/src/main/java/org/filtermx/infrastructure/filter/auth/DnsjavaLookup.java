package org.filtermx.infrastructure.filter.auth;

import org.filtermx.infrastructure.dns.DnsServers;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link DnsLookup} over dnsjava: queries go to one configured recursive resolver or the system's,
 * each waiting at most the per-query timeout and never past the caller's deadline. Thread-safe.
 */
public final class DnsjavaLookup implements DnsLookup {

    /** Wait for one answer; a lost UDP datagram then costs this, not the whole budget. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMillis(1500);

    private final Resolver resolver;
    private final Duration queryTimeout;
    private final DnsCache cache = new DnsCache(20_000, System::nanoTime);

    /**
     * @param server the recursive resolver as {@code host}, {@code host:port} or {@code
     *     [ipv6]:port}; {@code null} or blank for the system resolver
     */
    public DnsjavaLookup(String server, Duration queryTimeout) {
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
        this.resolver =
                server == null || server.isBlank() ? new ExtendedResolver() : DnsServers.resolver(server);
        this.resolver.setTimeout(queryTimeout);
    }

    @Override
    public DnsAnswer<String> txt(String name, Deadline deadline) {
        return ask(name, Type.TXT, deadline, r -> text((TXTRecord) r));
    }

    @Override
    public DnsAnswer<InetAddress> a(String name, Deadline deadline) {
        return ask(name, Type.A, deadline, r -> ((ARecord) r).getAddress());
    }

    @Override
    public DnsAnswer<InetAddress> aaaa(String name, Deadline deadline) {
        return ask(name, Type.AAAA, deadline, r -> ((AAAARecord) r).getAddress());
    }

    @Override
    public DnsAnswer<String> mx(String name, Deadline deadline) {
        DnsAnswer<MXRecord> answer = ask(name, Type.MX, deadline, MXRecord.class::cast);
        if (answer.status() != DnsAnswer.Status.FOUND) {
            return new DnsAnswer<>(answer.status(), List.of(), answer.detail());
        }
        return DnsAnswer.found(
                answer.values().stream()
                        .sorted(Comparator.comparingInt(MXRecord::getPriority))
                        .map(r -> r.getTarget().toString(true))
                        .toList());
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address, Deadline deadline) {
        return ask(
                ReverseMap.fromAddress(address),
                Type.PTR,
                deadline,
                r -> ((PTRRecord) r).getTarget().toString(true));
    }

    private <T> DnsAnswer<T> ask(
            String name, int type, Deadline deadline, Function<Record, T> value) {
        Name query;
        try {
            query = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            // A name DNS cannot carry (label over 63 octets, name over 255) exists nowhere.
            return DnsAnswer.nxdomain();
        }
        return ask(query, type, deadline, value);
    }

    private <T> DnsAnswer<T> ask(
            Name name, int type, Deadline deadline, Function<Record, T> value) {
        String question = name + " " + Type.string(type);
        DnsAnswer<T> kept = cache.get(question);
        if (kept != null) {
            return kept;
        }
        Resolved<T> resolved = resolve(name, type, deadline, value, question);
        if (!resolved.budgetSpent()) {
            cache.put(question, resolved.answer(), DnsCache.lifetime(resolved.answer().status(), resolved.ttl()));
        }
        return resolved.answer();
    }

    /** An answer with how long DNS lets it be kept ({@code -1}: no TTL given). */
    private record Resolved<T>(DnsAnswer<T> answer, long ttl, boolean budgetSpent) {
        static <T> Resolved<T> of(DnsAnswer<T> answer, long ttl) {
            return new Resolved<>(answer, ttl, false);
        }
    }

    private <T> Resolved<T> resolve(
            Name name, int type, Deadline deadline, Function<Record, T> value, String question) {
        Duration wait = deadline.remaining();
        boolean cutShort = false;
        if (wait.compareTo(queryTimeout) > 0) {
            wait = queryTimeout;
        } else {
            cutShort = true;
        }
        if (wait.isZero()) {
            return notKept(DnsAnswer.temporaryFailure("time budget spent before " + question));
        }
        Message response;
        try {
            response =
                    resolver.sendAsync(Message.newQuery(Record.newRecord(name, type, DClass.IN)))
                            .toCompletableFuture()
                            .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Only the resolver's own silence says something about DNS; the caller's deadline does not.
            DnsAnswer<T> timedOut = DnsAnswer.temporaryFailure(question + " timed out");
            return cutShort ? notKept(timedOut) : Resolved.of(timedOut, -1);
        } catch (ExecutionException e) {
            return Resolved.of(DnsAnswer.temporaryFailure(question + " failed: " + e.getCause()), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notKept(DnsAnswer.temporaryFailure(question + " interrupted"));
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return Resolved.of(DnsAnswer.nxdomain(), negativeTtl(response));
        }
        if (rcode != Rcode.NOERROR) {
            return Resolved.of(DnsAnswer.temporaryFailure(question + " answered " + Rcode.string(rcode)), -1);
        }
        List<Record> records = response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
        DnsAnswer<T> answer = DnsAnswer.found(records.stream().map(value).toList());
        long ttl = records.isEmpty()
                ? negativeTtl(response)
                : records.stream().mapToLong(Record::getTTL).min().orElse(0);
        return Resolved.of(answer, ttl);
    }

    private static <T> Resolved<T> notKept(DnsAnswer<T> answer) {
        return new Resolved<>(answer, 0, true);
    }

    /** RFC 2308 section 5: a negative answer lives for the SOA's TTL or minimum, whichever is less. */
    private static long negativeTtl(Message response) {
        return response.getSection(Section.AUTHORITY).stream()
                .filter(r -> r.getType() == Type.SOA)
                .mapToLong(r -> Math.min(r.getTTL(), ((SOARecord) r).getMinimum()))
                .min()
                .orElse(-1);
    }

    /** Joins the character-strings byte for byte; RFC 7208 3.3 and RFC 6376 3.6.2.2 agree. */
    private static String text(TXTRecord record) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        record.getStringsAsByteArrays().forEach(joined::writeBytes);
        return joined.toString(StandardCharsets.UTF_8);
    }
}
