package org.filtermx.infrastructure.filter.auth.dmarc;

/** The p= and sp= policies a domain can publish (RFC 7489 section 6.3). */
public enum Disposition {
    NONE,
    QUARANTINE,
    REJECT;

    /** The next milder policy, applied to messages the pct= sample leaves out (section 6.6.4). */
    Disposition milder() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
