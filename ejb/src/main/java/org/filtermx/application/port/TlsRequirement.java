package org.filtermx.application.port;

import java.util.Objects;
import org.filtermx.domain.model.domain.DeliveryTls;

/**
 * What TLS a delivery to one relay host must achieve, and on whose behalf: a hosted domain's TLS
 * policy for its routes, or an MTA-STS policy (RFC 8461 section 4) for a recipient domain's MX
 * hosts. The certificate's reference identity is always the relay host's name (RFC 6125 section
 * 6.2.1: the name the client set out to reach).
 *
 * @param level opportunistic, required (any certificate) or verified (a trust anchor and the name)
 * @param policy who asked, for the reason of a deferral and for logs (e.g. {@code the TLS policy of
 *     example.com}); empty for the default
 * @param reportOnly verify as {@link DeliveryTls#VERIFIED} would but deliver anyway, logging what
 *     failed (an MTA-STS policy in mode {@code testing}, RFC 8461 section 5)
 */
public record TlsRequirement(DeliveryTls level, String policy, boolean reportOnly) {

    /** Today's behaviour: STARTTLS when offered, any certificate, plain text otherwise. */
    public static final TlsRequirement OPPORTUNISTIC =
            new TlsRequirement(DeliveryTls.OPPORTUNISTIC, "", false);

    public TlsRequirement {
        Objects.requireNonNull(level, "level");
        policy = policy == null ? "" : policy;
    }

    /** Whether the delivery must not go on in plain text or with an unusable certificate. */
    public boolean mandatory() {
        return level != DeliveryTls.OPPORTUNISTIC && !reportOnly;
    }

    /** Whether the certificate's chain and name are checked (to enforce or to report). */
    public boolean verifiesCertificate() {
        return level == DeliveryTls.VERIFIED;
    }
}
