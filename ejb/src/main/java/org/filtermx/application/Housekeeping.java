package org.filtermx.application;

import java.time.Duration;

/**
 * Removal of what has outlived its retention, in small batches, each its own transaction, so that
 * no table is locked for long and a crash loses at most one batch's progress.
 */
public interface Housekeeping {

    int BATCH = 500;

    /** Expires one batch of held messages whose retention ended; returns how many. */
    int expireQuarantine();

    /** Deletes one batch of log entries older than the log retention; returns how many. */
    int purgeLog();

    /** Deletes the login attempt counts that ended (no lock, window over); returns how many. */
    int forgetLoginAttempts();

    /**
     * Deletes one batch of shared message bodies that no spool or quarantine part refers to any
     * more (held parts that expired or were deleted, parts that finished at the same moment);
     * returns how many.
     */
    int purgeBodies();

    /**
     * Sends one batch of welcome mails of auto-enabled users that are still pending (the send after
     * the intake failed or its node stopped), each in a transaction of its own; returns how many.
     */
    int sendPendingWelcomes();

    /**
     * Deletes one batch of report sent records whose period ended longer ago than the log retention
     * (and at least eight days): no run reports such a period again, and a report on request never
     * reaches back past the retention; returns how many.
     */
    int purgeSentReports();

    /** Deletes one batch of login links that expired; returns how many. */
    int purgeLoginLinks();

    /**
     * Deletes outgoing users' per-minute counts older than the hourly window and connection slots
     * older than their longest life; returns how many.
     */
    int forgetOutgoingUsage();

    /**
     * Deletes one batch of recipient verification answers and catch-all statuses (ADR 0031), one of
     * greylisting triplets and subnets (ADR 0032) and the MTA-STS policies (ADR 0033) that expired;
     * returns how many.
     */
    int purgeRecipientChecks();

    /**
     * Deletes one batch of recipient discovery evidence (ADR 0047) not seen again within {@code
     * FILTERMX_DISCOVERY_RETENTION}; returns how many.
     */
    int purgeDiscoveryEvidence();

    /**
     * Deletes one batch of queued training messages that failed more than {@code
     * TRAINING_FAILURE_RETENTION} ago (ADR 0051), which frees their room in the queue; returns how
     * many.
     */
    int purgeTrainingFailures();

    /** How long a queued training message that could not be learnt is kept for inspection. */
    Duration TRAINING_FAILURE_RETENTION = Duration.ofDays(3);
}
