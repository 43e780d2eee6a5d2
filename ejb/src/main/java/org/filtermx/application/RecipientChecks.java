package org.filtermx.application;

/**
 * A domain's checks of recipients at RCPT time, beyond the local recipients list.
 *
 * @param verifyRecipients ask the destination about each new recipient with a callout (ADR 0031)
 * @param acceptUnverified accept a recipient the destination could not be asked about in time,
 *     rather than answer {@code 451 4.4.1}
 */
public record RecipientChecks(boolean verifyRecipients, boolean acceptUnverified) {

    /** Nothing checked beyond the local recipients list: every domain's default. */
    public static final RecipientChecks OFF = new RecipientChecks(false, false);
}
