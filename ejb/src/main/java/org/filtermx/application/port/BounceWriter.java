package org.filtermx.application.port;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.domain.model.message.StoredContent;

/**
 * Writes the delivery status notification (RFC 3464) that tells a sender some recipients failed.
 */
public interface BounceWriter {

    /**
     * Whether a DSN may be sent to this reverse-path: never to the null sender (RFC 5321 section
     * 6.1).
     */
    boolean mayNotify(String sender);

    /**
     * The DSN to {@code sender} for the message that arrived at {@code arrival}, as CRLF lines,
     * returning the original's header section only.
     *
     * @throws IOException if the original cannot be read
     */
    byte[] write(
            String sender, Instant arrival, List<FailedRecipient> failed, StoredContent original)
            throws IOException;

    /**
     * One recipient the DSN reports.
     *
     * @param last the result that decided its failure (temporary: the retries ran out)
     * @param originalRecipient the address as the sender gave it, or {@code null}
     * @param remoteMta the host that gave the reply, or {@code null} when none was reached
     * @param lastAttempt when delivery was last attempted
     */
    record FailedRecipient(
            RecipientResult last,
            String originalRecipient,
            String remoteMta,
            Instant lastAttempt) {}
}
