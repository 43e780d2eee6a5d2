package org.filtermx.infrastructure.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The queries of one resolution, all sharing one deadline so a lookup of many MX hosts still ends
 * within the configured time.
 */
final class DnsQuery {

    /** The answer records of one type, or the fact that the name does not exist. */
    record Answer(boolean nameExists, List<Record> records) {}

    private final Resolver resolver;
    private final Instant deadline;

    DnsQuery(Resolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.deadline = Instant.now().plus(timeout);
    }

    /**
     * Asks for records of {@code type}: NOERROR gives the answers (possibly none), NXDOMAIN an
     * answer without a name; anything else (SERVFAIL, REFUSED, timeout) is temporary.
     */
    Answer ask(Name name, int type) throws MxLookupException {
        Message response = send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer(false, List.of());
        }
        if (rcode != Rcode.NOERROR) {
            throw MxLookupException.temporary(
                    "DNS lookup of "
                            + name
                            + " "
                            + Type.string(type)
                            + " failed: "
                            + Rcode.string(rcode));
        }
        List<Record> records =
                response.getSection(Section.ANSWER).stream()
                        .filter(r -> r.getType() == type)
                        .toList();
        return new Answer(true, records);
    }

    private Message send(Message query) throws MxLookupException {
        Duration remaining = Duration.between(Instant.now(), deadline);
        String question =
                query.getQuestion().getName() + " " + Type.string(query.getQuestion().getType());
        if (remaining.isNegative() || remaining.isZero()) {
            throw MxLookupException.temporary("DNS lookup of " + question + " timed out");
        }
        try {
            return resolver.sendAsync(query)
                    .toCompletableFuture()
                    .get(remaining.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw MxLookupException.temporary("DNS lookup of " + question + " timed out");
        } catch (ExecutionException e) {
            throw MxLookupException.temporary(
                    "DNS lookup of " + question + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MxLookupException.temporary("DNS lookup of " + question + " interrupted");
        }
    }
}
