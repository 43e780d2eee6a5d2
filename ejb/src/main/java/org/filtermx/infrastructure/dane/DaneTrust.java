package org.filtermx.infrastructure.dane;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filtermx.infrastructure.dns.TlsaRecord;

/**
 * Decides whether a server's certificate chain matches a host's TLSA records for SMTP (RFC 7672
 * section 3), and makes the trust manager ({@link #trustManager}) that applies the decision in the
 * TLS handshake.
 *
 * <p>Usable records (RFC 7672 section 3.1.3, RFC 7671 section 4): certificate usage DANE-TA(2) or
 * DANE-EE(3), selector Cert(0) or SPKI(1), matching type Full(0), SHA2-256(1) or SHA2-512(2), with
 * data of the digest's length (non-empty for Full). PKIX-TA(0) and PKIX-EE(1) are unusable for
 * SMTP, as are unknown parameters and malformed data. When no record is usable, TLS is still
 * mandatory but any certificate is accepted (RFC 7672 section 2.2).
 *
 * <p>DANE-EE(3) matches the server's own certificate (the chain's first) with no name check and no
 * validity-date check (RFC 7672 section 3.1.1). DANE-TA(2) matches a certificate the server sent
 * after its own (RFC 7671 section 5.2.2: the trust anchor is an issuer; a key published in the
 * record but not sent is not supported), then the chain from the server certificate up to that one
 * must validate as PKIX with it as the trust anchor (signatures, issuer names, validity dates, CA
 * constraints; no revocation) and the server certificate must carry a reference name (RFC 7672
 * sections 3.1.2, 3.2.2, 3.2.3). Nothing here touches the network.
 */
public final class DaneTrust {

    private DaneTrust() {}

    /** Whether SMTP can use {@code record} at all (see the class comment). */
    public static boolean usable(TlsaRecord record) {
        if (record.usage() != TlsaRecord.DANE_TA && record.usage() != TlsaRecord.DANE_EE) {
            return false;
        }
        if (record.selector() != TlsaRecord.CERT && record.selector() != TlsaRecord.SPKI) {
            return false;
        }
        int length = record.data().length;
        return switch (record.matchingType()) {
            case TlsaRecord.FULL -> length > 0;
            case TlsaRecord.SHA2_256 -> length == 32;
            case TlsaRecord.SHA2_512 -> length == 64;
            default -> false;
        };
    }

    /** The records SMTP can use, in their order. */
    public static List<TlsaRecord> usable(List<TlsaRecord> records) {
        return records.stream().filter(DaneTrust::usable).toList();
    }

    /**
     * A trust manager for one connection to a host whose TLSA RRset is secure: it accepts a server
     * chain that {@link #matches} accepts and rejects the rest with a {@link
     * java.security.cert.CertificateException}; with no usable record it accepts any chain, so the
     * caller must still insist on TLS. Hand it to {@code SSLContext.init} and leave the JSSE
     * endpoint identification off: the name check is this trust manager's, and only for DANE-TA(2).
     *
     * @param records the host's TLSA records (secure, {@code TlsaLookup.Status#SECURE})
     * @param referenceNames the names the server certificate may be issued to for DANE-TA(2): the
     *     MX host name and the next-hop domain (RFC 7672 section 3.2.2)
     */
    public static DaneTrustManager trustManager(
            List<TlsaRecord> records, List<String> referenceNames) {
        return new DaneTrustManager(records, referenceNames);
    }

    /**
     * How {@code chain} (the server's certificate first, as sent) fares against {@code records}.
     */
    public static DaneVerdict matches(
            List<TlsaRecord> records, List<String> referenceNames, List<X509Certificate> chain) {
        List<TlsaRecord> usable = usable(records);
        if (usable.isEmpty()) {
            return new DaneVerdict(
                    DaneVerdict.Outcome.NO_USABLE_RECORDS,
                    "no usable TLSA record among " + records.size());
        }
        if (chain == null || chain.isEmpty()) {
            return new DaneVerdict(DaneVerdict.Outcome.MISMATCH, "no X.509 server certificate");
        }
        Selected selected = new Selected();
        for (TlsaRecord record : usable) {
            if (record.usage() == TlsaRecord.DANE_EE && selected.matches(chain.get(0), record)) {
                return new DaneVerdict(DaneVerdict.Outcome.EE_MATCH, "DANE-EE " + brief(record));
            }
        }
        ReferenceNames names = new ReferenceNames(referenceNames);
        String why = "no TLSA record matches the server's certificate chain";
        for (int anchor = 1; anchor < chain.size(); anchor++) {
            for (TlsaRecord record : usable) {
                if (record.usage() != TlsaRecord.DANE_TA
                        || !selected.matches(chain.get(anchor), record)) {
                    continue;
                }
                String failure = validUpTo(chain, anchor);
                if (failure != null) {
                    why = "DANE-TA " + brief(record) + " matched, but " + failure;
                } else if (!names.matchedBy(chain.get(0))) {
                    why =
                            "DANE-TA "
                                    + brief(record)
                                    + " matched, but the certificate names none of the"
                                    + " reference names";
                } else {
                    return new DaneVerdict(
                            DaneVerdict.Outcome.TA_MATCH, "DANE-TA " + brief(record));
                }
            }
        }
        return new DaneVerdict(DaneVerdict.Outcome.MISMATCH, why);
    }

    /**
     * How the chain a TLS session presented ({@code SSLSession.getPeerCertificates()}, the server's
     * certificate first) fares against {@code records}, for a client that checks after the
     * handshake; a chain that is not all X.509 is a mismatch.
     */
    public static DaneVerdict matches(
            List<TlsaRecord> records, List<String> referenceNames, Certificate[] chain) {
        List<X509Certificate> x509 = new ArrayList<>();
        for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
            if (!(certificate instanceof X509Certificate c)) {
                // Not a chain DANE can match: as if none was presented.
                return matches(records, referenceNames, List.of());
            }
            x509.add(c);
        }
        return matches(records, referenceNames, x509);
    }

    /**
     * The reference names of RFC 7672 section 3.2.2 for a DANE-TA(2) name check: the MX host name
     * (when the MX lookup was secure; it is the TLSA base domain) and the next-hop domain.
     */
    public static List<String> referenceNames(String mxHost, String nextHopDomain) {
        return mxHost.equalsIgnoreCase(nextHopDomain)
                ? List.of(mxHost)
                : List.of(mxHost, nextHopDomain);
    }

    /**
     * Null if {@code chain[0..anchor-1]} validates as a PKIX path to {@code chain[anchor]} as the
     * trust anchor (now, without revocation checks), else why not.
     */
    private static String validUpTo(List<X509Certificate> chain, int anchor) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters parameters =
                    new PKIXParameters(Set.of(new TrustAnchor(chain.get(anchor), null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(
                            factory.generateCertPath(new ArrayList<>(chain.subList(0, anchor))),
                            parameters);
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            // The JDK's messages are short; log lines stay bounded all the same.
            return "the chain does not validate up to it ("
                    + (message.length() > 200 ? message.substring(0, 200) : message)
                    + ")";
        }
    }

    private static String brief(TlsaRecord record) {
        return record.usage() + " " + record.selector() + " " + record.matchingType();
    }

    /**
     * The selected and digested content of certificates, computed once per certificate, selector
     * and matching type within one decision.
     */
    private static final class Selected {
        private final Map<X509Certificate, Map<Integer, byte[]>> computed = new IdentityHashMap<>();

        boolean matches(X509Certificate certificate, TlsaRecord record) {
            Map<Integer, byte[]> ofCertificate =
                    computed.computeIfAbsent(certificate, c -> new HashMap<>());
            int key = record.selector() << 8 | record.matchingType();
            byte[] value = ofCertificate.get(key);
            if (value == null) {
                try {
                    value = content(certificate, record.selector(), record.matchingType());
                } catch (CertificateEncodingException e) {
                    value = new byte[0];
                }
                ofCertificate.put(key, value);
            }
            return value.length > 0 && MessageDigest.isEqual(value, record.data());
        }

        private static byte[] content(X509Certificate certificate, int selector, int matchingType)
                throws CertificateEncodingException {
            byte[] selected =
                    selector == TlsaRecord.CERT
                            ? certificate.getEncoded()
                            : DerSpki.of(certificate);
            return switch (matchingType) {
                case TlsaRecord.SHA2_256 -> digest("SHA-256", selected);
                case TlsaRecord.SHA2_512 -> digest("SHA-512", selected);
                default -> selected;
            };
        }

        private static byte[] digest(String algorithm, byte[] data) {
            try {
                return MessageDigest.getInstance(algorithm).digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
            }
        }
    }
}
