package org.filtermx.domain.model.verification;

import java.time.Instant;
import java.util.Optional;

/**
 * The shared cache of recipient verification (ADR 0031): per address, what its destination said;
 * per domain, whether its destination is a catch-all. Rows past their expiry are never returned,
 * and housekeeping deletes them.
 */
public interface RecipientVerificationRepository {

    /** The fresh answer about {@code localPart@domain}, if one is known at {@code now}. */
    Optional<KnownRecipient> find(String domain, String localPart, Instant now);

    /** Stores an answer, replacing any earlier one about the same address. */
    void remember(KnownRecipient recipient);

    /**
     * Whether the domain's destination is a catch-all, if that was found out and still holds at
     * {@code now}.
     */
    Optional<Boolean> catchAll(String domain, Instant now);

    /** Stores whether the domain's destination is a catch-all, until {@code expires}. */
    void rememberCatchAll(String domain, boolean catchAll, Instant now, Instant expires);

    /**
     * Forgets everything known about the domain's addresses and destination (its routes changed, or
     * it was removed); returns the rows deleted.
     */
    int forget(String domain);

    /** Deletes at most {@code batch} answers that expired before {@code now}. */
    int purge(Instant now, int batch);
}
