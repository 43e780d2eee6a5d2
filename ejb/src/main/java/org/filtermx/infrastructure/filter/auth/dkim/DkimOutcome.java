package org.filtermx.infrastructure.filter.auth.dkim;

/**
 * The verification result of one DKIM signature (RFC 6376 section 6.1), with what DMARC needs from
 * it: the signing domain.
 *
 * @param domain the d= domain, empty when the signature could not even be parsed
 * @param weak a valid signature that proves less: an l= that leaves part of the body unsigned
 * @param detail why it failed, or what made it weak, for the reason shown to people
 */
public record DkimOutcome(
        Status status, String domain, String selector, boolean weak, String detail) {

    /**
     * SUCCESS, PERMFAIL and TEMPFAIL in the words of section 3.9; PERMERROR is the PERMFAIL of a
     * signature made with an algorithm no longer accepted (rsa-sha1, RFC 8301 section 3.1), which
     * proves nothing either way.
     */
    public enum Status {
        PASS,
        FAIL,
        PERMERROR,
        TEMPERROR
    }

    /** A valid signature that is not weak: the kind DMARC and author-domain checks trust. */
    public boolean strongPass() {
        return status == Status.PASS && !weak;
    }
}
