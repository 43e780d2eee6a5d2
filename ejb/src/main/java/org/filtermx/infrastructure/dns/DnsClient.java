package org.filtermx.infrastructure.dns;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.filtermx.domain.model.shared.LowerCase;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
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
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * FilterMX's one DNS client, over dnsjava: every lookup (MX hosts for delivery, SPF, DKIM, DMARC,
 * DNS lists, domain verification) goes through it, so there is one resolver configuration ({@code
 * FILTERMX_DNS}), one answer cache per node ({@link DnsCache}: TTL-respecting, bounded in size) and
 * one timeout policy: each query waits at most {@link #QUERY_TIMEOUT} and never past the caller's
 * {@link Deadline}. DNS trouble is an answer ({@link DnsAnswer.Status#TEMPORARY_FAILURE}), never an
 * exception (ADR 0007).
 *
 * <p>Every query sets the AD bit, which asks a validating resolver to say whether it authenticated
 * the answer with DNSSEC (RFC 6840 section 5.7, RFC 4035 section 3.2.3), without the size cost of
 * the DO bit (no RRSIGs are sent back). Each answer carries that verdict ({@link
 * DnsAnswer#authenticated()}) and is kept with it; DANE (RFC 7672 section 2.1) relies on it, and so
 * on the resolver being a trusted validating one on a trusted path. Thread-safe.
 */
public final class DnsClient implements DnsLookup {

    /**
     * Wait for one answer; a lost UDP datagram then costs this, not the whole budget (ADR 0007).
     */
    public static final Duration QUERY_TIMEOUT = Duration.ofMillis(1500);

    /** Answers one node keeps at most. */
    static final int CACHE_CAPACITY = 20_000;

    /** The node's clients, one per resolver setting (in practice one: {@code FILTERMX_DNS}). */
    private static final Map<String, DnsClient> SHARED = new ConcurrentHashMap<>();

    private final Resolver resolver;
    private final Duration queryTimeout;
    private final DnsCache cache;

    /**
     * A client with a cache of its own; production code uses {@link #shared} so that all lookups of
     * a node share one cache.
     *
     * @param server the recursive resolver as {@code host}, {@code host:port} or {@code
     *     [ipv6]:port}; {@code null} or blank for the system resolver
     */
    public DnsClient(String server, Duration queryTimeout) {
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
        this.resolver =
                server == null || server.isBlank() ? new ExtendedResolver() : resolver(server);
        this.resolver.setTimeout(queryTimeout);
        this.cache = new DnsCache(CACHE_CAPACITY, System::nanoTime);
    }

    /** This node's client for {@code server} (see {@link #DnsClient}), created on first use. */
    public static DnsClient shared(String server) {
        String key = server == null ? "" : server.strip();
        return SHARED.computeIfAbsent(key, s -> new DnsClient(s, QUERY_TIMEOUT));
    }

    @Override
    public DnsAnswer<String> txt(String name, Deadline deadline) {
        return map(ask(name, Type.TXT, deadline, true), r -> text((TXTRecord) r));
    }

    /**
     * TXT records asked of the resolver even when an answer is kept, for a tenant who has just
     * published a record (domain verification, ADR 0014); the fresh answer replaces the kept one.
     */
    public DnsAnswer<String> freshTxt(String name, Deadline deadline) {
        return map(ask(name, Type.TXT, deadline, false), r -> text((TXTRecord) r));
    }

    @Override
    public DnsAnswer<InetAddress> a(String name, Deadline deadline) {
        return map(ask(name, Type.A, deadline, true), r -> ((ARecord) r).getAddress());
    }

    @Override
    public DnsAnswer<InetAddress> aaaa(String name, Deadline deadline) {
        return map(ask(name, Type.AAAA, deadline, true), r -> ((AAAARecord) r).getAddress());
    }

    @Override
    public DnsAnswer<String> mx(String name, Deadline deadline) {
        DnsAnswer<Record> answer = ask(name, Type.MX, deadline, true);
        if (answer.status() != DnsAnswer.Status.FOUND) {
            return map(answer, r -> "");
        }
        return DnsAnswer.<String>found(
                        answer.values().stream()
                                .map(MXRecord.class::cast)
                                .sorted(Comparator.comparingInt(MXRecord::getPriority))
                                .map(r -> r.getTarget().toString(true))
                                .toList())
                .authenticated(answer.authenticated());
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address, Deadline deadline) {
        return map(
                ask(ReverseMap.fromAddress(address), Type.PTR, deadline, true),
                r -> ((PTRRecord) r).getTarget().toString(true));
    }

    /**
     * The records of {@code type} at {@code name} asked of the resolver even when an answer is kept
     * (the DNS status page: a tenant who has just published a record must see it).
     */
    DnsAnswer<Record> freshRecords(String name, int type, Deadline deadline) {
        return ask(name, type, deadline, false);
    }

    /** The records of {@code type} at {@code name}, for lookups that need more than values. */
    DnsAnswer<Record> records(Name name, int type, Deadline deadline) {
        return ask(name, type, deadline, true);
    }

    private static <T> DnsAnswer<T> map(DnsAnswer<Record> answer, Function<Record, T> value) {
        return new DnsAnswer<>(
                answer.status(),
                answer.values().stream().map(value).toList(),
                answer.detail(),
                answer.authenticated());
    }

    private DnsAnswer<Record> ask(String name, int type, Deadline deadline, boolean useKept) {
        Name query;
        try {
            query = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            // A name DNS cannot carry (label over 63 octets, name over 255) exists nowhere.
            return DnsAnswer.nxdomain();
        }
        return ask(query, type, deadline, useKept);
    }

    private DnsAnswer<Record> ask(Name name, int type, Deadline deadline, boolean useKept) {
        String question = LowerCase.of(name.toString()) + " " + Type.string(type);
        if (question.endsWith(".invalid. " + Type.string(type))
                || question.startsWith("invalid. ")) {
            // RFC 6761 section 6.4: names under "invalid." get an immediate negative answer,
            // without a query (the node's warm-up mail uses them, ADR 0048).
            return DnsAnswer.nxdomain();
        }
        if (useKept) {
            DnsAnswer<Record> kept = cache.get(question);
            if (kept != null) {
                return kept;
            }
        }
        Resolved resolved = resolve(name, type, deadline, question);
        if (!resolved.budgetSpent()) {
            cache.put(
                    question,
                    resolved.answer(),
                    DnsCache.lifetime(resolved.answer().status(), resolved.ttl()));
        }
        return resolved.answer();
    }

    /** An answer with how long DNS lets it be kept ({@code -1}: no TTL given). */
    private record Resolved(DnsAnswer<Record> answer, long ttl, boolean budgetSpent) {
        static Resolved of(DnsAnswer<Record> answer, long ttl) {
            return new Resolved(answer, ttl, false);
        }

        /** An answer that says something about the caller, not about DNS: never kept. */
        static Resolved notKept(DnsAnswer<Record> answer) {
            return new Resolved(answer, 0, true);
        }
    }

    private Resolved resolve(Name name, int type, Deadline deadline, String question) {
        Duration wait = deadline.remaining();
        boolean cutShort = false;
        if (wait.compareTo(queryTimeout) > 0) {
            wait = queryTimeout;
        } else {
            cutShort = true;
        }
        if (wait.isZero()) {
            return Resolved.notKept(
                    DnsAnswer.temporaryFailure("time budget spent before " + question));
        }
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        // RFC 6840 section 5.7: the AD bit in a query asks for the AD bit in the response.
        query.getHeader().setFlag(Flags.AD);
        Message response;
        try {
            response =
                    resolver.sendAsync(query)
                            .toCompletableFuture()
                            .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Only the resolver's own silence says something about DNS; the caller's deadline does
            // not.
            DnsAnswer<Record> timedOut = DnsAnswer.temporaryFailure(question + " timed out");
            return cutShort ? Resolved.notKept(timedOut) : Resolved.of(timedOut, -1);
        } catch (ExecutionException e) {
            return Resolved.of(
                    DnsAnswer.temporaryFailure(question + " failed: " + e.getCause()), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Resolved.notKept(DnsAnswer.temporaryFailure(question + " interrupted"));
        }
        int rcode = response.getRcode();
        boolean authenticated = response.getHeader().getFlag(Flags.AD);
        if (rcode == Rcode.NXDOMAIN) {
            return Resolved.of(
                    DnsAnswer.<Record>nxdomain().authenticated(authenticated),
                    negativeTtl(response));
        }
        if (rcode != Rcode.NOERROR) {
            return Resolved.of(
                    DnsAnswer.temporaryFailure(question + " answered " + Rcode.string(rcode)), -1);
        }
        List<Record> records =
                response.getSection(Section.ANSWER).stream()
                        .filter(r -> r.getType() == type)
                        .toList();
        long ttl =
                records.isEmpty()
                        ? negativeTtl(response)
                        : records.stream().mapToLong(Record::getTTL).min().orElse(0);
        return Resolved.of(DnsAnswer.found(records).authenticated(authenticated), ttl);
    }

    /**
     * RFC 2308 section 5: a negative answer lives for the SOA's TTL or minimum, whichever is less.
     */
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

    /**
     * The FILTERMX_DNS setting ({@code host}, {@code host:port} or {@code [v6]:port}) as a
     * resolver.
     */
    static SimpleResolver resolver(String server) {
        String host = server.strip();
        int port = 53;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid DNS server: " + server);
            }
            if (host.length() > close + 1 && host.charAt(close + 1) == ':') {
                port = Integer.parseInt(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        try {
            return new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown DNS server: " + server, e);
        }
    }
}
