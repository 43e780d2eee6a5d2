package org.filtermx.domain.model.domain;

import java.util.Optional;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * How strictly mail is protected on its way to a destination, after the security levels of
 * Postfix's {@code smtp_tls_security_level}: the first is every domain's default.
 */
public enum DeliveryTls {
    /**
     * STARTTLS when offered, any certificate, plain text otherwise (RFC 7435 section 1.2:
     * opportunistic security, "may" in Postfix).
     */
    OPPORTUNISTIC,
    /**
     * STARTTLS must be offered and succeed, any certificate; never plain text ("encrypt"; RFC 3207
     * section 4.1 leaves the decision to the client).
     */
    REQUIRED,
    /**
     * As {@link #REQUIRED}, and the certificate must chain to a trust anchor and name the host (RFC
     * 6125 section 6; "secure" in Postfix).
     */
    VERIFIED;

    /** The lower-case name the API and the console use. */
    public String id() {
        return LowerCase.of(name());
    }

    /** The level named {@code id} (lower case, as the API writes it), if any. */
    public static Optional<DeliveryTls> of(String id) {
        for (DeliveryTls level : values()) {
            if (level.id().equals(id)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
