package org.filtermx.infrastructure.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads the TXT records of one name straight from the resolver, with no cache of its own: a
 * tenant who has just published a record and asks again must not get the answer from before.
 * Thread-safe.
 */
public final class TxtLookup {

    /** What the resolver said about a name. */
    public enum Status {
        /** The name exists; {@link Result#texts()} holds its TXT records (possibly none). */
        FOUND,
        /** NXDOMAIN: the name does not exist. */
        NO_SUCH_NAME,
        /** SERVFAIL, REFUSED or no answer in time. */
        FAILED
    }

    /** The TXT texts found, each record's character-strings joined; {@code detail} for failures. */
    public record Result(Status status, List<String> texts, String detail) {}

    private final Resolver resolver;
    private final Duration timeout;

    /**
     * @param server the resolver as {@code host}, {@code host:port} or {@code [ipv6]:port}; blank
     *     for the system's
     */
    public TxtLookup(String server, Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.resolver =
                server == null || server.isBlank() ? new ExtendedResolver() : DnsServers.resolver(server);
        this.resolver.setTimeout(timeout);
    }

    public Result texts(String name) {
        Name query;
        try {
            query = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            return new Result(Status.NO_SUCH_NAME, List.of(), "not a name DNS can carry");
        }
        try {
            DnsQuery.Answer answer = new DnsQuery(resolver, timeout).ask(query, Type.TXT);
            if (!answer.nameExists()) {
                return new Result(Status.NO_SUCH_NAME, List.of(), name + " does not exist (NXDOMAIN)");
            }
            return new Result(
                    Status.FOUND,
                    answer.records().stream().map(r -> text((TXTRecord) r)).toList(),
                    null);
        } catch (MxLookupException e) {
            return new Result(Status.FAILED, List.of(), e.getMessage());
        }
    }

    /** Joins the character-strings of one record byte for byte, as RFC 7208 section 3.3 does. */
    private static String text(TXTRecord record) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        record.getStringsAsByteArrays().forEach(joined::writeBytes);
        return joined.toString(StandardCharsets.UTF_8);
    }
}
