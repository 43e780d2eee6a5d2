package org.filtermx.application.port;

import java.time.Duration;

/**
 * The cluster's greylisting settings (ADR 0032, docs/operator-guide.md, "Greylisting"), with the
 * defaults of Postgrey, the greylisting policy server most Postfix installations use.
 */
public interface GreylistSettings {

    /** How long a new triplet is deferred: 5 minutes (Postgrey {@code --delay=300}). */
    Duration DEFAULT_DELAY = Duration.ofMinutes(5);

    /** How long after its first attempt a retry still passes: 2 days (Postgrey). */
    Duration DEFAULT_RETRY_WINDOW = Duration.ofDays(2);

    /** How long a passed triplet or whitelisted subnet is kept after its last pass: 35 days. */
    Duration DEFAULT_MAX_AGE = Duration.ofDays(35);

    /** Passes after which a subnet is not greylisted any more (Postgrey: 5). */
    int DEFAULT_AUTO_WHITELIST = 5;

    /** {@code FILTERMX_GREYLIST_DELAY}. */
    Duration delay();

    /** {@code FILTERMX_GREYLIST_RETRY_WINDOW}. */
    Duration retryWindow();

    /** {@code FILTERMX_GREYLIST_MAX_AGE}. */
    Duration maxAge();

    /** {@code FILTERMX_GREYLIST_AUTO_WHITELIST}; 0 whitelists no subnet. */
    int autoWhitelist();
}
