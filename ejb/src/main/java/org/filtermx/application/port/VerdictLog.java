package org.filtermx.application.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

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
     * has no verdict the tester can re-apply (none, or a temporary failure).
     */
    void forEach(
            String domain,
            Instant since,
            Instant until,
            boolean withSender,
            Consumer<LoggedVerdict> judged,
            Runnable notJudged);

    /** The rows with these ids, in no particular order. */
    List<SampleRow> samples(Collection<Long> ids);
}
