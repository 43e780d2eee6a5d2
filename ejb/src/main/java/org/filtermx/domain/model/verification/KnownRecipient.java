package org.filtermx.domain.model.verification;

import java.time.Instant;
import java.util.Objects;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * One address of a hosted domain whose fate is known until {@code expires}: the destination takes
 * mail for it ({@code accepted}) or refuses it. The domain is the main domain (aliases rewritten)
 * and the local part lower-case, so that every spelling of an address shares one answer.
 *
 * @param source who learned it: {@link #CALLOUT}, {@link #DELIVERY} or {@link #PANEL}
 */
public record KnownRecipient(
        String domain,
        String localPart,
        boolean accepted,
        String source,
        Instant checked,
        Instant expires) {

    /** A callout to the destination answered. */
    public static final String CALLOUT = "callout";

    /** The destination answered 250 to a delivery's RCPT. */
    public static final String DELIVERY = "delivery";

    /** The address is an email user in the panel. */
    public static final String PANEL = "panel";

    /** The longest local part (RFC 5321 section 4.5.3.1.1). */
    public static final int MAX_LOCAL_PART = 64;

    public KnownRecipient {
        domain = LowerCase.of(Objects.requireNonNull(domain, "domain"));
        localPart = LowerCase.of(Objects.requireNonNull(localPart, "localPart"));
        if (localPart.isEmpty() || localPart.length() > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("a local part has 1 to 64 characters");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(checked, "checked");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether the answer still holds at {@code now}. */
    public boolean freshAt(Instant now) {
        return now.isBefore(expires);
    }
}
