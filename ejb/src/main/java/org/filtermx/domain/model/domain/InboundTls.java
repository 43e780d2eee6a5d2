package org.filtermx.domain.model.domain;

import java.util.Optional;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Whether mail for a domain may arrive in plain text: the first is every domain's default, the
 * second answers RCPT without STARTTLS with {@code 530 5.7.0} (RFC 3207 section 4).
 */
public enum InboundTls {
    OPTIONAL,
    REQUIRED;

    /** The lower-case name the API and the console use. */
    public String id() {
        return LowerCase.of(name());
    }

    /** The value named {@code id} (lower case, as the API writes it), if any. */
    public static Optional<InboundTls> of(String id) {
        for (InboundTls value : values()) {
            if (value.id().equals(id)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
