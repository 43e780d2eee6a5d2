package org.filtermx.infrastructure.dns;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TLSA record (RFC 6698 section 2.1) as published, whether or not FilterMX can use it: the
 * certificate usage, selector and matching type as numbers (their RFC 7218 names as constants) and
 * the certificate association data. Which records DANE for SMTP can use is decided by {@code
 * org.filtermx.infrastructure.dane.DaneTrust}, not here. Immutable: the data is copied in and out.
 *
 * @param usage the certificate usage field, 0-255
 * @param selector the selector field, 0-255
 * @param matchingType the matching type field, 0-255
 * @param data the certificate association data
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {

    /** RFC 7218: PKIX-TA(0), unusable for SMTP (RFC 7672 section 3.1.3). */
    public static final int PKIX_TA = 0;

    /** RFC 7218: PKIX-EE(1), unusable for SMTP (RFC 7672 section 3.1.3). */
    public static final int PKIX_EE = 1;

    /** RFC 7218: DANE-TA(2), a trust anchor of the server's chain (RFC 7672 section 3.1.2). */
    public static final int DANE_TA = 2;

    /** RFC 7218: DANE-EE(3), the server's own certificate or key (RFC 7672 section 3.1.1). */
    public static final int DANE_EE = 3;

    /** RFC 7218 selector Cert(0): the whole certificate, DER. */
    public static final int CERT = 0;

    /** RFC 7218 selector SPKI(1): the SubjectPublicKeyInfo, DER. */
    public static final int SPKI = 1;

    /** RFC 7218 matching type Full(0): the selected content itself. */
    public static final int FULL = 0;

    /** RFC 7218 matching type SHA2-256(1). */
    public static final int SHA2_256 = 1;

    /** RFC 7218 matching type SHA2-512(2). */
    public static final int SHA2_512 = 2;

    public TlsaRecord {
        if (usage < 0 || usage > 255 || selector < 0 || selector > 255) {
            throw new IllegalArgumentException("TLSA field out of range");
        }
        if (matchingType < 0 || matchingType > 255) {
            throw new IllegalArgumentException("TLSA field out of range");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsaRecord r
                && r.usage == usage
                && r.selector == selector
                && r.matchingType == matchingType
                && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return ((usage * 31 + selector) * 31 + matchingType) * 31 + Arrays.hashCode(data);
    }

    /** The presentation form of RFC 6698 section 2.2: {@code 3 1 1 <hex>}. */
    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
