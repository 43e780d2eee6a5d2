package org.filtermx.infrastructure.dns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Reads the TXT records of one name for domain verification, always asking the resolver (through
 * {@link DnsClient#freshTxt}): a tenant who has just published a record and asks again must not get
 * the answer from before. Thread-safe.
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

    private final DnsClient dns;
    private final Duration timeout;

    /**
     * Looks up through this node's shared client.
     *
     * @param server the resolver as {@code host}, {@code host:port} or {@code [ipv6]:port}; blank
     *     for the system's
     */
    public TxtLookup(String server, Duration timeout) {
        this(DnsClient.shared(server), timeout);
    }

    public TxtLookup(DnsClient dns, Duration timeout) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Result texts(String name) {
        DnsAnswer<String> answer = dns.freshTxt(name, Deadline.after(timeout));
        return switch (answer.status()) {
            case FOUND, NO_DATA -> new Result(Status.FOUND, answer.values(), null);
            case NXDOMAIN ->
                    new Result(Status.NO_SUCH_NAME, List.of(), name + " does not exist (NXDOMAIN)");
            case TEMPORARY_FAILURE -> new Result(Status.FAILED, List.of(), answer.detail());
        };
    }
}
