package org.filtermx.domain.model.mtasts;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as the shared cache keeps it: what was fetched, when, and until when it may be used
 * (fetched plus max_age, RFC 8461 section 5.1).
 */
public record CachedMtaStsPolicy(MtaStsPolicy policy, Instant fetchedAt, Instant expiresAt) {

    public CachedMtaStsPolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A policy fetched at {@code now}, usable for its max_age. */
    public static CachedMtaStsPolicy fetched(MtaStsPolicy policy, Instant now) {
        return new CachedMtaStsPolicy(policy, now, now.plusSeconds(policy.maxAgeSeconds()));
    }

    public boolean usableAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
