package org.filtermx.application.port;

import java.util.List;
import org.filtermx.domain.model.message.StoredContent;

/**
 * Carries one message to one relay host and says, per recipient, whether it was delivered, should
 * be retried or failed for good. It never throws for a remote problem: every failure becomes a
 * {@link org.filtermx.domain.model.delivery.RecipientResult}.
 */
public interface DeliveryTransport {

    /**
     * Delivers {@code content} (header lines in front of the stored body) from {@code sender}
     * (empty for the null reverse-path) to {@code recipients} through {@code host}.
     */
    TransportAttempt deliver(
            RelayHost host, String sender, List<String> recipients, StoredContent content);

    /** Ends sessions kept open for later messages that have waited too long; call now and then. */
    void closeIdleConnections();
}
