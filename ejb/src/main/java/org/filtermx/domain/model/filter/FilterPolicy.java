package org.filtermx.domain.model.filter;

import java.util.Set;

/**
 * How a domain's mail is judged: the score at which it is quarantined and at which it is refused,
 * scanners switched off, what to do when an external engine cannot answer, and how many days held
 * mail is kept.
 */
public record FilterPolicy(
        double quarantineThreshold,
        double rejectThreshold,
        Set<String> disabledScanners,
        EngineDown virusEngineDown,
        EngineDown spamEngineDown,
        int quarantineRetentionDays) {

    /** What to do when an engine the domain uses is down. */
    public enum EngineDown {
        /** Answer 451 4.7.x so the sender retries: nothing passes unscanned. */
        TEMPFAIL,
        /** Go on without it and log that it was skipped. */
        CONTINUE
    }

    public static final FilterPolicy DEFAULTS =
            new FilterPolicy(5.0, 15.0, Set.of(), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);

    /** Longest retention a policy may set: a year. */
    public static final int MAX_RETENTION_DAYS = 366;

    public FilterPolicy {
        disabledScanners = Set.copyOf(disabledScanners);
        if (rejectThreshold < quarantineThreshold) {
            throw new IllegalArgumentException(
                    "the reject threshold must not be below the quarantine threshold");
        }
        if (quarantineRetentionDays < 1 || quarantineRetentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException(
                    "the quarantine retention must be between 1 and "
                            + MAX_RETENTION_DAYS
                            + " days");
        }
    }

    public boolean enabled(String scanner) {
        return !disabledScanners.contains(scanner);
    }
}
