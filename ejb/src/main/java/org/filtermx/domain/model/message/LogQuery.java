package org.filtermx.domain.model.message;

import java.time.Instant;
import java.util.Set;

/**
 * A log search: every criterion is optional; {@code domains} scopes the search to what the
 * caller may see ({@code null} = everything, for administrators). Results come newest first, in
 * pages that continue below {@code beforeId} (keyset pagination).
 */
public record LogQuery(
        Set<String> domains,
        String domain,
        String sender,
        String recipient,
        MessageStatus status,
        String messageId,
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
}
