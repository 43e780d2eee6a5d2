package org.filtermx.domain.model.quarantine;

import java.util.Set;

/**
 * A quarantine listing. {@code domains} and {@code address} bound what may be seen ({@code null} =
 * no bound: administrators); the other criteria are optional filters. Newest first, in pages that
 * continue below {@code beforeId}. Only messages still held for someone are listed, and with a
 * recipient (or an address bound) only those still held for that recipient.
 */
public record QuarantineQuery(
        Set<String> domains,
        String address,
        String domain,
        String recipient,
        String sender,
        String direction,
        Long beforeId,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public QuarantineQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        domains = domains == null ? null : Set.copyOf(domains);
    }
}
