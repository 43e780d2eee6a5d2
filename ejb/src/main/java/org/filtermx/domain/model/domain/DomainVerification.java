package org.filtermx.domain.model.domain;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * How a tenant below the administrators proves that it controls a domain or alias it adds: the
 * cluster-wide choice of the operator (ADR 0014).
 */
public enum DomainVerification {
    /** The tenant publishes a TXT record with the claim's token and asks FilterMX to look. */
    DNS,
    /** An administrator approves each pending name. */
    APPROVAL;

    /** The name used in settings and the API: {@code dns} or {@code approval}. */
    public String key() {
        return LowerCase.of(name());
    }

    /**
     * Parses {@code dns} or {@code approval}, in any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static DomainVerification parse(String text) {
        String t = text == null ? "" : LowerCase.of(text.strip());
        return switch (t) {
            case "dns" -> DNS;
            case "approval" -> APPROVAL;
            default ->
                    throw new IllegalArgumentException(
                            "domain verification must be \"dns\" or \"approval\", not \""
                                    + (t.length() > 40 ? t.substring(0, 40) : t)
                                    + "\"");
        };
    }
}
