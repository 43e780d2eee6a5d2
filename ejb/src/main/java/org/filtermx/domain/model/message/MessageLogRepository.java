package org.filtermx.domain.model.message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Writes and searches the message log. */
public interface MessageLogRepository {

    /** Stores a new entry and its recipients, and records its first event. */
    void add(MessageLogEntry entry, String firstEventDetail);

    Optional<MessageLogEntry> find(long id);

    /** Appends an event and moves the entry to the event's status. */
    void record(long logId, MessageStatus status, String remote, String detail);

    /**
     * Appends one event per detail, all with this status, and moves the entry to it with {@code
     * reason}, without reading the entry first (the delivery path, once per message).
     */
    void recordEach(long logId, MessageStatus status, String remote, List<String> details, String reason);

    /** {@link #record} for many entries at once, with one detail. */
    void recordAll(Collection<Long> logIds, MessageStatus status, String detail);

    List<MessageEvent> history(long logId);

    List<MessageLogEntry> search(LogQuery query);

    /**
     * Deletes at most {@code max} entries received before {@code cutoff} (oldest first) with their
     * recipients and history, except those the quarantine still holds; returns how many.
     */
    int purge(Instant cutoff, int max);
}
