package org.filtermx.infrastructure.dane;

import java.util.Objects;

/**
 * How one server certificate chain fared against a host's TLSA records, for the trust decision and
 * for the delivery log (which record type matched, or why none did).
 *
 * @param detail a short explanation for logs and deferral texts; never certificate contents
 */
public record DaneVerdict(Outcome outcome, String detail) {

    /** The ways a chain can fare. */
    public enum Outcome {
        /** A DANE-EE(3) record matched the server's own certificate (RFC 7672 section 3.1.1). */
        EE_MATCH,
        /**
         * A DANE-TA(2) record matched a certificate of the chain, the chain verified up to it and
         * the server certificate carries a reference name (RFC 7672 sections 3.1.2, 3.2).
         */
        TA_MATCH,
        /**
         * No record is usable: TLS is still mandatory but unauthenticated, any certificate is
         * accepted (RFC 7672 section 2.2).
         */
        NO_USABLE_RECORDS,
        /** Usable records exist and none matched: the server is not to be trusted. */
        MISMATCH
    }

    public DaneVerdict {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    /** Whether the TLS connection may carry the mail. */
    public boolean accepted() {
        return outcome != Outcome.MISMATCH;
    }

    /** Whether the server was authenticated by a TLSA record (not merely encrypted). */
    public boolean authenticated() {
        return outcome == Outcome.EE_MATCH || outcome == Outcome.TA_MATCH;
    }
}
