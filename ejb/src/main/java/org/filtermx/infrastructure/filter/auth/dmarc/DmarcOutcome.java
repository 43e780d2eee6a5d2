package org.filtermx.infrastructure.filter.auth.dmarc;

/**
 * The DMARC verdict on one message.
 *
 * @param domain the From domain, empty for {@link Result#FROM_INVALID}
 * @param disposition what the domain asks for a failing message, after pct= sampling; {@link
 *     Disposition#NONE} unless {@code result} is {@link Result#FAIL}
 * @param detail how it passed or why it failed, for the reason shown to people
 */
public record DmarcOutcome(Result result, String domain, Disposition disposition, String detail) {

    /** What the evaluation concluded (RFC 7489 section 6.6.2, plus the no-author case). */
    public enum Result {
        PASS,
        FAIL,
        /** The domain publishes no DMARC policy. */
        NONE,
        TEMPERROR,
        /** Not exactly one From field with one address, so there is no domain to check. */
        FROM_INVALID
    }
}
