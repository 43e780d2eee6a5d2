package org.filtermx.domain.model.message;

import java.util.List;
import java.util.Optional;

/** Writes and searches the message log. */
public interface MessageLogRepository {

    /** Stores a new entry and its recipients, and records its first event. */
    void add(MessageLogEntry entry, String firstEventDetail);

    Optional<MessageLogEntry> find(long id);

    /** Appends an event and moves the entry to the event's status. */
    void record(long logId, MessageStatus status, String remote, String detail);

    List<MessageEvent> history(long logId);

    List<MessageLogEntry> search(LogQuery query);
}
