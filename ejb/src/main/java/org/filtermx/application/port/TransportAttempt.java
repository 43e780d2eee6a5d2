package org.filtermx.application.port;

import java.util.List;
import java.util.Objects;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * What one attempt at one relay host achieved.
 *
 * @param remote the host contacted, as {@code host:port} (the remote MTA of a DSN)
 * @param outcome how the session ended, in a word, for the log
 * @param detail the reply or local description that ended the session, for the log
 * @param recipients one result per recipient, in the order given to the transport
 */
public record TransportAttempt(
        String remote, String outcome, String detail, List<RecipientResult> recipients) {

    public TransportAttempt {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        recipients = List.copyOf(recipients);
    }
}
