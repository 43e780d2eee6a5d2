package org.filtermx.smtp.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one mail transaction (RFC 5321 section 2.3.1).
 *
 * @param transactionId unique id of this transaction (session id plus a sequence number)
 * @param reversePath the MAIL FROM address without angle brackets; empty for the null reverse-path
 *     {@code <>}
 * @param recipients the accepted recipients, after any rewrite the endpoint asked for, in the order
 *     accepted, without duplicates
 * @param bodyType {@code 7BIT} or {@code 8BITMIME} (RFC 6152)
 * @param declaredSize the MAIL FROM SIZE parameter (RFC 1870) or -1
 * @param receivedAt when the final dot arrived
 */
public record Envelope(
        String transactionId,
        String reversePath,
        List<String> recipients,
        String bodyType,
        long declaredSize,
        Instant receivedAt) {

    public Envelope {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(reversePath, "reversePath");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        bodyType = bodyType == null ? "7BIT" : bodyType;
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Whether the reverse-path is the null path {@code <>} (bounces and other DSNs). */
    public boolean nullSender() {
        return reversePath.isEmpty();
    }
}
