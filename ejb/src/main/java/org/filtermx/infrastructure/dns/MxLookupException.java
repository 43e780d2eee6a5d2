package org.filtermx.infrastructure.dns;

/**
 * The mail servers of a domain could not be found; {@link #permanent()} tells a domain that cannot
 * receive mail (NXDOMAIN, null MX) from a DNS problem worth retrying (SERVFAIL, timeout).
 */
public final class MxLookupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    MxLookupException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    static MxLookupException permanent(String message) {
        return new MxLookupException(message, true);
    }

    static MxLookupException temporary(String message) {
        return new MxLookupException(message, false);
    }

    /** Whether retrying cannot help: the sender should get a DSN now. */
    public boolean permanent() {
        return permanent;
    }
}
