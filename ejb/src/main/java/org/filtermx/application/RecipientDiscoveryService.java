package org.filtermx.application;

/**
 * Recipient discovery (issue 20, ADR 0047): for a domain whose destination accepts every address,
 * the set of real recipients learned from outgoing senders, replies to delivered mail and the
 * panel's lists, offered as the domain's local recipients list, so that the gateway can refuse
 * unknown recipients at RCPT. Only those who manage the domain see or apply it.
 */
public interface RecipientDiscoveryService {

    /**
     * The candidates and what applying them in {@code mode} ({@code merge} or {@code replace})
     * would change.
     */
    DiscoveredRecipients candidates(Caller caller, String domain, String mode);

    /**
     * Sets the domain's local recipients list to the view's resulting list and makes the domain
     * refuse unknown recipients (not catch-all), in one transaction. Refused with {@link Conflict}
     * when {@code etag} is not the current view's (the list, the domain or the evidence changed
     * since it was read), and with {@link InvalidRequest} when there is nothing to apply.
     */
    DiscoveredRecipients apply(Caller caller, String domain, String mode, String etag);
}
