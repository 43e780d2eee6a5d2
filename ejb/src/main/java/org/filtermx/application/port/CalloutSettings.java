package org.filtermx.application.port;

import java.time.Duration;

/**
 * The cluster's settings of recipient verification callouts (ADR 0031, docs/operator-guide.md,
 * "Recipient verification"): how long answers are kept, how long a callout may take, and the bounds
 * that keep a flood of made-up recipients from turning into a flood of callouts.
 */
public interface CalloutSettings {

    /** How long a 250 to a callout (or a delivery) vouches for an address: 96 hours. */
    Duration DEFAULT_VALID_TTL = Duration.ofHours(96);

    /** How long a 5xx to a callout condemns an address: 2 hours. */
    Duration DEFAULT_INVALID_TTL = Duration.ofHours(2);

    /** The longest one callout may take, over all of the domain's routes. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Callouts one SMTP connection may cause. */
    int DEFAULT_SESSION_LIMIT = 20;

    /** Callouts per minute to one domain's destination, per node. */
    int DEFAULT_DOMAIN_RATE = 60;

    /** {@code FILTERMX_CALLOUT_VALID_TTL}. */
    Duration validTtl();

    /**
     * {@code FILTERMX_CALLOUT_INVALID_TTL}; also how long a domain's catch-all status is kept
     * before its destination is asked again.
     */
    Duration invalidTtl();

    /** {@code FILTERMX_CALLOUT_TIMEOUT}. */
    Duration timeout();

    /** {@code FILTERMX_CALLOUT_SESSION_LIMIT}. */
    int sessionLimit();

    /** {@code FILTERMX_CALLOUT_DOMAIN_RATE}. */
    int domainRate();
}
