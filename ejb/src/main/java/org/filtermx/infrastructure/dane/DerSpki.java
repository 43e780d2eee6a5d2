package org.filtermx.infrastructure.dane;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The SubjectPublicKeyInfo of a certificate exactly as encoded in it (the SPKI(1) selector of RFC
 * 6698 section 2.1.2), cut from the DER of the TBSCertificate (RFC 5280 section 4.1) rather than
 * re-encoded from the parsed key, which could differ in its bytes. A linear walk over DER headers
 * with every length checked against the input.
 */
final class DerSpki {

    private static final int SEQUENCE = 0x30;
    private static final int CONTEXT_0 = 0xa0;

    private DerSpki() {}

    /** The DER SubjectPublicKeyInfo of {@code certificate}. */
    static byte[] of(X509Certificate certificate) throws CertificateEncodingException {
        byte[] tbs = certificate.getTBSCertificate();
        int[] outer = header(tbs, 0);
        if (tbs[0] != SEQUENCE) {
            throw new CertificateEncodingException("TBSCertificate is not a SEQUENCE");
        }
        int pos = outer[0];
        int end = outer[0] + outer[1];
        if (end != tbs.length) {
            throw new CertificateEncodingException("TBSCertificate length mismatch");
        }
        // version [0] EXPLICIT (optional), serialNumber, signature, issuer, validity, subject,
        // then subjectPublicKeyInfo.
        if (pos < end && (tbs[pos] & 0xff) == CONTEXT_0) {
            pos = skip(tbs, pos, end);
        }
        for (int i = 0; i < 5; i++) {
            pos = skip(tbs, pos, end);
        }
        if (pos >= end || tbs[pos] != SEQUENCE) {
            throw new CertificateEncodingException("no SubjectPublicKeyInfo");
        }
        int next = skip(tbs, pos, end);
        return Arrays.copyOfRange(tbs, pos, next);
    }

    private static int skip(byte[] der, int pos, int end) throws CertificateEncodingException {
        int[] h = header(der, pos);
        int next = h[0] + h[1];
        if (next > end) {
            throw new CertificateEncodingException("DER element overruns its container");
        }
        return next;
    }

    /**
     * The position of the contents and their length for the element at {@code pos} (single-octet
     * tags only, definite lengths of up to four octets, as DER for certificates has).
     */
    private static int[] header(byte[] der, int pos) throws CertificateEncodingException {
        if (pos + 2 > der.length || (der[pos] & 0x1f) == 0x1f) {
            throw new CertificateEncodingException("bad DER header");
        }
        int first = der[pos + 1] & 0xff;
        int at = pos + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || at + octets > der.length) {
                throw new CertificateEncodingException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | der[at + i] & 0xff;
            }
            at += octets;
        }
        if (length > der.length - at) {
            throw new CertificateEncodingException("DER length beyond the input");
        }
        return new int[] {at, (int) length};
    }
}
