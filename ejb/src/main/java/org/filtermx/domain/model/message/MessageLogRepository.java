package org.filtermx.domain.model.message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Writes and searches the message log. */
public interface MessageLogRepository {

    /** Stores a new entry and its recipients, and records its first event. */
    void add(MessageLogEntry entry, String firstEventDetail);

    /** A new entry with the detail of its first event. */
    record NewEntry(MessageLogEntry entry, String firstEventDetail) {}

    /**
     * Stores several new entries as {@link #add} does, in the caller's transaction; an
     * implementation may write them together (the group commit of received mail, ADR 0041).
     */
    default void addAll(List<NewEntry> entries) {
        for (NewEntry e : entries) {
            add(e.entry(), e.firstEventDetail());
        }
    }

    Optional<MessageLogEntry> find(long id);

    /** Appends an event and moves the entry to the event's status. */
    void record(long logId, MessageStatus status, String remote, String detail);

    /**
     * Records these outcomes without reading the entries first (the delivery path: several
     * messages' outcomes in one batch).
     */
    void recordOutcomes(List<LogOutcome> outcomes);

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
