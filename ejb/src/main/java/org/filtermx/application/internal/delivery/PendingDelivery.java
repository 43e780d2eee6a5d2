package org.filtermx.application.internal.delivery;

import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.message.StoredContent;

/**
 * A spooled message leased to this node for one delivery attempt. {@code whole} says that its
 * recipients are all the message's recipients and none failed before: then an attempt that delivers
 * to each finishes the message outright. Its content may share a body with the message's parts for
 * other domains (ADR 0015); the body's row goes with the last of them. {@code received} is when the
 * message was received (the disposition log's delay counts from it).
 */
public record PendingDelivery(
        long spoolId,
        String queueId,
        long logId,
        String sender,
        String targetDomain,
        List<String> recipients,
        StoredContent content,
        boolean whole,
        Instant received) {

    /** A message handed to delivery as it is stored, received just now. */
    public PendingDelivery(
            long spoolId,
            String queueId,
            long logId,
            String sender,
            String targetDomain,
            List<String> recipients,
            StoredContent content,
            boolean whole) {
        this(
                spoolId,
                queueId,
                logId,
                sender,
                targetDomain,
                recipients,
                content,
                whole,
                Instant.now());
    }
}
