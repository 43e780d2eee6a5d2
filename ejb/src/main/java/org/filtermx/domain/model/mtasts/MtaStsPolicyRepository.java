package org.filtermx.domain.model.mtasts;

import java.time.Instant;
import java.util.Optional;

/**
 * The MTA-STS policy cache every node shares (RFC 8461 section 5.1: a policy is kept for its
 * max_age and refreshed when the TXT record's id changes), keyed by the policy domain in lower
 * case.
 */
public interface MtaStsPolicyRepository {

    /** The policy kept for {@code domain}, if one is kept and not yet expired at {@code now}. */
    Optional<CachedMtaStsPolicy> find(String domain, Instant now);

    /** Keeps {@code policy} for {@code domain}, replacing any kept before. */
    void store(String domain, CachedMtaStsPolicy policy);

    /** Deletes up to {@code batch} policies expired at {@code now}; returns how many. */
    int purge(Instant now, int batch);
}
