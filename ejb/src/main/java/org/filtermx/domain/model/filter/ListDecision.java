package org.filtermx.domain.model.filter;

import java.util.Optional;

/**
 * What the allow and block lists say about one message: an allow-listed sender skips content
 * scores, allow-listed recipients skip spam filtering altogether (abuse mailboxes that receive spam
 * samples), a block-listed sender is refused, and so is mail whose every recipient is block-listed.
 */
public record ListDecision(
        Optional<String> senderAllowedBy,
        Optional<String> senderBlockedBy,
        boolean recipientsAllowed,
        Optional<String> recipientsBlockedBy) {

    public static final ListDecision NONE =
            new ListDecision(Optional.empty(), Optional.empty(), false, Optional.empty());
}
