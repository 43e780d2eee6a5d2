package org.filtermx.infrastructure.smtp;

import java.util.List;
import java.util.Objects;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * What one SMTP session with one destination achieved: a result for every recipient, in the order
 * given, and how the session itself ended.
 *
 * @param remote the destination that was contacted (the remote MTA of a DSN)
 * @param outcome how the session ended
 * @param detail the reply or local description that ended the session ({@code 250 2.0.0 Ok: queued
 *     as 4F2}, {@code 421 4.7.0 Too busy}, {@code connect to mx:25: Connection refused})
 * @param tls whether the message travelled over STARTTLS
 * @param recipients one result per recipient, in the order given to the client
 */
public record DeliveryAttempt(
        Destination remote,
        SessionOutcome outcome,
        String detail,
        boolean tls,
        List<RecipientResult> recipients) {

    public DeliveryAttempt {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        recipients = List.copyOf(recipients);
    }

    /** The results that have the given status, for example the recipients to retry later. */
    public List<RecipientResult> withStatus(DeliveryStatus status) {
        return recipients.stream().filter(r -> r.status() == status).toList();
    }

    /** Whether every recipient is {@link DeliveryStatus#DELIVERED}. */
    public boolean allDelivered() {
        return recipients.stream().allMatch(r -> r.status() == DeliveryStatus.DELIVERED);
    }
}
