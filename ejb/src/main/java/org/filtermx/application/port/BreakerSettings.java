package org.filtermx.application.port;

/**
 * The cluster's settings of the outbound circuit breaker (issue 20, ADR 0045): an outgoing identity
 * whose current clock hour exceeds {@code max(floor, factor × baseline)} is locked before its mail
 * is scanned. During the warm-up a new identity is judged by the floor alone.
 */
public interface BreakerSettings {

    /** Messages in one hour that never trip the breaker, whatever the baseline. */
    int DEFAULT_FLOOR_MESSAGES = 100;

    /** Recipients in one hour that never trip the breaker. */
    int DEFAULT_FLOOR_RECIPIENTS = 500;

    /** How far above its baseline an identity may go in one hour. */
    double DEFAULT_FACTOR = 10.0;

    /** Hours after the first message during which only the floor counts (two days). */
    int DEFAULT_WARMUP_HOURS = 48;

    /** The horizon of the exponential weighting: 14 days of hours (alpha = 1/336). */
    int DEFAULT_HORIZON_HOURS = 336;

    /** {@code FILTERMX_BREAKER_ENABLED}: false turns the breaker off for the cluster. */
    boolean enabled();

    /** {@code FILTERMX_BREAKER_FLOOR_MESSAGES}. */
    int floorMessages();

    /** {@code FILTERMX_BREAKER_FLOOR_RECIPIENTS}. */
    int floorRecipients();

    /** {@code FILTERMX_BREAKER_FACTOR}. */
    double factor();

    /** {@code FILTERMX_BREAKER_WARMUP_HOURS}. */
    int warmupHours();

    /** {@code FILTERMX_BREAKER_HORIZON_HOURS}. */
    int horizonHours();
}
