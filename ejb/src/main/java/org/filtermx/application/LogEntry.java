package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/** One message in log search, with its status history when asked for. */
public record LogEntry(
        long id,
        String queueId,
        String messageId,
        String direction,
        String domain,
        String sender,
        List<String> recipients,
        String subject,
        long size,
        String clientIp,
        String status,
        String reason,
        Double score,
        String verdict,
        String reasons,
        Instant receivedAt,
        List<Event> history) {

    /** One status change or delivery attempt. */
    public record Event(Instant at, String status, String remote, String detail) {}
}
