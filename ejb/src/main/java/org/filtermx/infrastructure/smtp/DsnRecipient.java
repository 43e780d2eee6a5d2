package org.filtermx.infrastructure.smtp;

import java.time.Instant;
import java.util.Objects;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * One recipient in a DSN with its per-recipient fields (RFC 3464 section 2.3).
 *
 * @param finalRecipient the address the delivery was attempted to ({@code Final-Recipient})
 * @param originalRecipient the address as the sender gave it before alias rewriting, or {@code
 *     null} when it is the same or unknown ({@code Original-Recipient})
 * @param action failed or delayed
 * @param status the RFC 3463 status code, such as {@code 5.1.1}
 * @param remoteMta the host that gave the reply, or {@code null} when none was reached
 * @param diagnostic the remote reply or a local description of the failure
 * @param smtpDiagnostic whether {@code diagnostic} is an SMTP reply ({@code smtp;}) rather than a
 *     local description ({@code X-FilterMX;})
 * @param lastAttempt when delivery was last attempted
 */
public record DsnRecipient(
        String finalRecipient,
        String originalRecipient,
        DsnAction action,
        String status,
        String remoteMta,
        String diagnostic,
        boolean smtpDiagnostic,
        Instant lastAttempt) {

    /** RFC 3463 section 3.5: "delivery time expired", for a message that was retried too long. */
    public static final String EXPIRED_STATUS = "4.4.7";

    public static final String DEFAULT_PERMANENT_STATUS = "5.0.0";
    public static final String DEFAULT_TRANSIENT_STATUS = "4.0.0";

    public DsnRecipient {
        Objects.requireNonNull(finalRecipient, "finalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
    }

    /**
     * A recipient that failed for good after {@code last}: a permanent result keeps the remote
     * enhanced status (5.0.0 without one); a temporary one means the retries ran out (4.4.7).
     *
     * @param remoteMta the host of the attempt, or {@code null} if none answered
     */
    public static DsnRecipient failed(RecipientResult last, String remoteMta, Instant lastAttempt) {
        String status =
                last.status() == DeliveryStatus.TEMPORARY
                        ? EXPIRED_STATUS
                        : SmtpReply.enhancedStatusOf(last)
                                .filter(s -> s.startsWith("5"))
                                .orElse(DEFAULT_PERMANENT_STATUS);
        return of(last, DsnAction.FAILED, status, remoteMta, lastAttempt);
    }

    /** A recipient still being retried after the temporary result {@code last}. */
    public static DsnRecipient delayed(
            RecipientResult last, String remoteMta, Instant lastAttempt) {
        String status =
                SmtpReply.enhancedStatusOf(last)
                        .filter(s -> s.startsWith("4"))
                        .orElse(DEFAULT_TRANSIENT_STATUS);
        return of(last, DsnAction.DELAYED, status, remoteMta, lastAttempt);
    }

    /** The same recipient with the address the sender originally used. */
    public DsnRecipient withOriginalRecipient(String original) {
        return new DsnRecipient(
                finalRecipient,
                original,
                action,
                status,
                remoteMta,
                diagnostic,
                smtpDiagnostic,
                lastAttempt);
    }

    /** Whether the retries ran out, which the explanation words differently from a rejection. */
    boolean expired() {
        return action == DsnAction.FAILED && status.startsWith("4");
    }

    private static DsnRecipient of(
            RecipientResult last,
            DsnAction action,
            String status,
            String remoteMta,
            Instant lastAttempt) {
        return new DsnRecipient(
                last.recipient(),
                null,
                action,
                status,
                remoteMta,
                last.reply(),
                last.fromRemote(),
                lastAttempt);
    }
}
