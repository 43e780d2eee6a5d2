package org.filtermx.application.port;

/**
 * The cluster's settings of the outgoing mail path (docs/operator-guide.md, "Outgoing mail"): the
 * default outbound thresholds a domain may override, and the bounds on ARF reports.
 */
public interface OutboundSettings {

    /** Default score at or above which outgoing mail is blocked. */
    double DEFAULT_SPAM_THRESHOLD = 5.0;

    /** Default score at or above which blocked outgoing mail also locks its sender. */
    double DEFAULT_LOCK_THRESHOLD = 10.0;

    /** Default number of ARF reports about one outgoing sender per hour. */
    int DEFAULT_REPORTS_PER_HOUR = 10;

    /** Default size above which an ARF report carries only the blocked message's header. */
    long DEFAULT_REPORT_MESSAGE_LIMIT = 1_048_576;

    /**
     * The outbound spam threshold of domains that set none ({@code
     * FILTERMX_OUTBOUND_SPAM_THRESHOLD}).
     */
    double spamThreshold();

    /** The lock threshold of domains that set none ({@code FILTERMX_OUTBOUND_LOCK_THRESHOLD}). */
    double lockThreshold();

    /**
     * How many ARF reports one outgoing sender causes per hour at most ({@code
     * FILTERMX_ARF_REPORTS_PER_HOUR}); further blocked messages are held and logged without one.
     */
    int reportsPerSenderPerHour();

    /**
     * Above this many bytes an ARF report carries the blocked message's header section only ({@code
     * FILTERMX_ARF_MESSAGE_LIMIT}).
     */
    long reportMessageLimit();

    /**
     * How many deliveries of one node may talk to one destination domain reached by MX at once
     * ({@code FILTERMX_DESTINATION_CONCURRENCY}, Postfix's {@code
     * default_destination_concurrency_limit}).
     */
    int destinationConcurrency();
}
