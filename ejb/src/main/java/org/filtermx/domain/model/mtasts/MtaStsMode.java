package org.filtermx.domain.model.mtasts;

import java.util.Optional;

/** What a policy asks of senders (RFC 8461 section 5). */
public enum MtaStsMode {
    /** Deliver only to matching MX hosts over verified TLS, or not at all. */
    ENFORCE("enforce"),
    /** Check as for enforce, report failures, deliver anyway. */
    TESTING("testing"),
    /** No policy: the domain is withdrawing one. */
    NONE("none");

    private final String id;

    MtaStsMode(String id) {
        this.id = id;
    }

    /** The keyword as the policy file writes it. */
    public String id() {
        return id;
    }

    /** The mode the keyword names; case-sensitive, as the grammar of section 3.2 is. */
    public static Optional<MtaStsMode> of(String keyword) {
        for (MtaStsMode mode : values()) {
            if (mode.id.equals(keyword)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
