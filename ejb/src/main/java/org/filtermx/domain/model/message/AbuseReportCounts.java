package org.filtermx.domain.model.message;

import java.time.Instant;

/**
 * How many abuse (ARF) reports one outgoing sender has caused in the current hour, counted for the
 * whole cluster so that a flood of blocked mail yields a bounded number of reports.
 */
public interface AbuseReportCounts {

    /**
     * Counts one more report for {@code senderKey} in the hour starting at {@code hourStart},
     * atomically, in the caller's transaction, and returns the count including this one. Counts of
     * the sender's earlier hours are dropped.
     */
    int countOne(String senderKey, Instant hourStart);

    /** Deletes the counts of hours that started before {@code before}; returns how many. */
    int purge(Instant before);
}
