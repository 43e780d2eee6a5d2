package org.filtermx.domain.model.filter;

import java.util.List;

/**
 * Everything a scanner may look at: the SMTP facts of the transaction, the raw received bytes (CRLF
 * line ends, without the gateway's own trace field) and the parsed message.
 *
 * @param reversePath MAIL FROM address, empty for the null sender
 * @param recipientDomain the hosted domain the message is for (policy and per-domain training)
 */
public record MessageUnderScan(
        String clientIp,
        String helo,
        String reversePath,
        List<String> recipients,
        String recipientDomain,
        byte[] raw,
        ParsedMessage parsed) {

    public MessageUnderScan {
        recipients = List.copyOf(recipients);
    }

    /** The same message as seen for another recipient domain (its policy and training). */
    public MessageUnderScan forDomain(String domain) {
        return domain.equals(recipientDomain)
                ? this
                : new MessageUnderScan(
                        clientIp, helo, reversePath, recipients, domain, raw, parsed);
    }
}
