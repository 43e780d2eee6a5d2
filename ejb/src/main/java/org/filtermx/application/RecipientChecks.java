package org.filtermx.application;

/**
 * A domain's checks of recipients at RCPT time, beyond the local recipients list.
 *
 * @param verifyRecipients ask the destination about each new recipient with a callout (ADR 0031)
 * @param acceptUnverified accept a recipient the destination could not be asked about in time,
 *     rather than answer {@code 451 4.4.1}
 * @param greylisting defer the first attempt of each client subnet, sender and recipient (ADR 0032)
 */
public record RecipientChecks(
        boolean verifyRecipients, boolean acceptUnverified, boolean greylisting) {

    /** Nothing checked beyond the local recipients list: every domain's default. */
    public static final RecipientChecks OFF = new RecipientChecks(false, false, false);

    /** Callouts as given, no greylisting. */
    public RecipientChecks(boolean verifyRecipients, boolean acceptUnverified) {
        this(verifyRecipients, acceptUnverified, false);
    }
}
