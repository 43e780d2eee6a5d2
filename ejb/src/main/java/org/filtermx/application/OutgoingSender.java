package org.filtermx.application;

import java.util.Objects;

/**
 * Who sends an outgoing message, as the limits and locks see it: the outgoing user (an account of
 * {@code domain}, by user name or by client address) and the identity inside it. For an ordinary
 * user the identity is the account itself ({@code identity} empty); for a smarthost account it is
 * the real sender, taken from its configured header or from MAIL FROM, so that one hacked mailbox
 * behind a customer's server is limited and locked without stopping the whole server.
 *
 * @param userId the outgoing user's id
 * @param domain the hosted domain the user belongs to
 * @param account the user's name as shown to people: the user name, or the address range
 * @param identity the sender inside a smarthost account (lower case), or empty
 * @param autoLock whether spam from this user locks it (off: spam is still blocked)
 * @param adminContact where reports about this user go: the domain's administrator contact, or the
 *     cluster's default abuse contact; never null
 */
public record OutgoingSender(
        long userId,
        String domain,
        String account,
        String identity,
        boolean autoLock,
        String adminContact) {

    public OutgoingSender {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(account, "account");
        identity = identity == null ? "" : identity;
        Objects.requireNonNull(adminContact, "adminContact");
    }

    /** The account and, for a smarthost, the real sender: how logs and reports name it. */
    public String displayName() {
        return identity.isEmpty() ? account : account + " (" + identity + ")";
    }
}
