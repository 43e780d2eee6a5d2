package org.filtermx.application.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.filtermx.domain.model.filter.FilterListEntry;

/**
 * The message log as the what-if tester reads it: one pass over a domain's received mail in a time
 * window, reading only the score, the flags of the stored reasons and, when asked, the sender, and
 * then the few sample rows by id.
 */
public interface VerdictLog {

    /** A sample row as the tester shows it. */
    record SampleRow(
            long id,
            String queueId,
            String domain,
            Instant receivedAt,
            String sender,
            String subject,
            double score) {}

    /**
     * Streams the inbound log rows of {@code domain} ({@code null}: every domain) received in
     * {@code [since, until)}, newest first, to {@code judged}, or to {@code notJudged} when the row
     * has no verdict the tester can re-apply (none, or a temporary failure); at most {@code
     * maxRows} rows (0: all).
     */
    void forEach(
            String domain,
            Instant since,
            Instant until,
            boolean withSender,
            long maxRows,
            Consumer<LoggedVerdict> judged,
            Runnable notJudged);

    /**
     * One group of a domain's log rows that the tester judges alike: the same flags, the same place
     * of the score against the thresholds in force ({@code nowBand}) and proposed ({@code
     * proposedBand}: 0 below the hold threshold, 1 held, 2 refused), and whether a proposed allow
     * or block entry matches the sender; {@code count} rows, the newest being {@code latestId}.
     * Flags with bit 16 mark rows without a verdict to re-apply.
     */
    record Group(
            int flags,
            int nowBand,
            int proposedBand,
            boolean newlyAllowed,
            boolean newlyBlocked,
            long count,
            long latestId) {}

    /**
     * The inbound log rows of {@code domain} received in {@code [since, until)}, counted by group
     * in the database, so that only the groups cross the connection.
     */
    void groups(
            String domain,
            Instant since,
            Instant until,
            double[] nowThresholds,
            double[] proposedThresholds,
            List<FilterListEntry> proposedEntries,
            Consumer<Group> each);

    /** The rows with these ids, in no particular order. */
    List<SampleRow> samples(Collection<Long> ids);
}
