package org.filtermx.domain.model.message;

import java.util.List;

/**
 * What one delivery attempt adds to a log entry: one event per detail, all with {@code status} and
 * {@code remote}, and the entry moved to {@code status} with {@code reason}.
 */
public record LogOutcome(
        long logId, MessageStatus status, String remote, List<String> details, String reason) {

    public LogOutcome {
        details = List.copyOf(details);
    }
}
