package org.filtermx.domain.model.message;

import java.time.Instant;
import java.util.Set;

/**
 * A log search. {@code domains} and {@code address} bound what may be seen ({@code null} = no
 * bound, for administrators; {@code address} limits an email user to mail it received); every other
 * criterion is optional. Results come newest first (time of receipt, then id), in pages that
 * continue below the entry {@code beforeId} (keyset pagination).
 */
public record LogQuery(
        Set<String> domains,
        String address,
        String domain,
        String sender,
        String recipient,
        MessageStatus status,
        Direction direction,
        String messageId,
        String subject,
        Instant since,
        Instant until,
        Long beforeId,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public LogQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        domains = domains == null ? null : Set.copyOf(domains);
    }

    /** This query within the bounds given, keeping every filter. */
    public LogQuery within(Set<String> boundDomains, String boundAddress) {
        return new LogQuery(
                boundDomains,
                boundAddress,
                domain,
                sender,
                recipient,
                status,
                direction,
                messageId,
                subject,
                since,
                until,
                beforeId,
                limit);
    }

    /** This query with {@code domain} as its domain filter. */
    public LogQuery forDomain(String otherDomain) {
        return new LogQuery(
                domains,
                address,
                otherDomain,
                sender,
                recipient,
                status,
                direction,
                messageId,
                subject,
                since,
                until,
                beforeId,
                limit);
    }
}
