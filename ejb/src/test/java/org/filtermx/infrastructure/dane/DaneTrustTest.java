package org.filtermx.infrastructure.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.filtermx.infrastructure.dane.DaneVerdict.Outcome;
import org.filtermx.infrastructure.dns.TlsaRecord;
import org.junit.jupiter.api.Test;

/**
 * DANE matching against fixed certificates (made with openssl, EC P-256): a test CA ("DANE Test
 * CA"), another CA of the same name with a different key, and leaves it issued for {@code
 * mx.example.test} (one long expired), for {@code *.example.test}, and one with the name in its
 * common name only.
 */
class DaneTrustTest {

    private static final List<String> MX = List.of("mx.example.test", "example.test");

    private final X509Certificate ca = certificate("ca.pem");
    private final X509Certificate otherCa = certificate("other-ca.pem");
    private final X509Certificate leaf = certificate("leaf.pem");
    private final X509Certificate expired = certificate("expired.pem");
    private final X509Certificate wildcard = certificate("wild.pem");
    private final X509Certificate commonNameOnly = certificate("cn.pem");

    @Test
    void daneEeMatchesTheServerKeyBySha256OfItsSpki() throws Exception {
        TlsaRecord record = record(3, 1, 1, sha256(DerSpki.of(leaf)));

        DaneVerdict verdict = DaneTrust.matches(List.of(record), MX, List.of(leaf, ca));

        assertThat(verdict.outcome()).isEqualTo(Outcome.EE_MATCH);
        assertThat(verdict.authenticated()).isTrue();
    }

    @Test
    void spkiIsTheKeyAsEncodedInTheCertificate() throws Exception {
        assertThat(DerSpki.of(leaf)).isEqualTo(leaf.getPublicKey().getEncoded());
    }

    @Test
    void daneEeMatchesTheFullCertificateAndBySha512() throws Exception {
        assertThat(
                        DaneTrust.matches(
                                        List.of(record(3, 0, 0, leaf.getEncoded())),
                                        MX,
                                        List.of(leaf))
                                .outcome())
                .isEqualTo(Outcome.EE_MATCH);
        byte[] sha512 = MessageDigest.getInstance("SHA-512").digest(leaf.getEncoded());
        assertThat(DaneTrust.matches(List.of(record(3, 0, 2, sha512)), MX, List.of(leaf)).outcome())
                .isEqualTo(Outcome.EE_MATCH);
    }

    @Test
    void daneEeChecksNeitherNameNorExpiry() throws Exception {
        TlsaRecord record = record(3, 1, 1, sha256(DerSpki.of(expired)));

        assertThat(
                        DaneTrust.matches(
                                        List.of(record),
                                        List.of("elsewhere.test"),
                                        List.of(expired))
                                .outcome())
                .isEqualTo(Outcome.EE_MATCH);
    }

    @Test
    void daneEeOfAnotherKeyIsAMismatch() throws Exception {
        TlsaRecord record = record(3, 1, 1, sha256(DerSpki.of(wildcard)));

        DaneVerdict verdict = DaneTrust.matches(List.of(record), MX, List.of(leaf, ca));

        assertThat(verdict.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(verdict.accepted()).isFalse();
    }

    @Test
    void daneEeDoesNotMatchAnIssuerCertificate() throws Exception {
        TlsaRecord record = record(3, 0, 1, sha256(ca.getEncoded()));

        assertThat(DaneTrust.matches(List.of(record), MX, List.of(leaf, ca)).outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void daneTaMatchesTheIssuerInTheChainWhenTheNameIsAReferenceName() throws Exception {
        TlsaRecord record = record(2, 0, 1, sha256(ca.getEncoded()));

        DaneVerdict verdict = DaneTrust.matches(List.of(record), MX, List.of(leaf, ca));

        assertThat(verdict.outcome()).isEqualTo(Outcome.TA_MATCH);
    }

    @Test
    void daneTaBySpkiAcceptsAWildcardForOneLabel() throws Exception {
        TlsaRecord record = record(2, 1, 1, sha256(DerSpki.of(ca)));

        assertThat(DaneTrust.matches(List.of(record), MX, List.of(wildcard, ca)).outcome())
                .isEqualTo(Outcome.TA_MATCH);
        assertThat(
                        DaneTrust.matches(
                                        List.of(record),
                                        List.of("a.mx.example.test", "example.test"),
                                        List.of(wildcard, ca))
                                .outcome())
                .as("*.example.test covers neither a.mx.example.test nor example.test")
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void daneTaFailsTheNameCheckForOtherReferenceNames() throws Exception {
        TlsaRecord record = record(2, 0, 1, sha256(ca.getEncoded()));

        DaneVerdict verdict =
                DaneTrust.matches(
                        List.of(record), List.of("mx.other.test", "other.test"), List.of(leaf, ca));

        assertThat(verdict.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(verdict.detail()).contains("reference names");
    }

    @Test
    void daneTaUsesTheCommonNameOnlyWithoutDnsSubjectAltNames() throws Exception {
        TlsaRecord record = record(2, 0, 1, sha256(ca.getEncoded()));

        assertThat(DaneTrust.matches(List.of(record), MX, List.of(commonNameOnly, ca)).outcome())
                .isEqualTo(Outcome.TA_MATCH);
    }

    @Test
    void daneTaNeedsTheChainToValidateUpToTheMatchedAnchor() throws Exception {
        // Same issuer name, different key: the record matches, the leaf's signature does not.
        TlsaRecord record = record(2, 0, 1, sha256(otherCa.getEncoded()));

        DaneVerdict verdict = DaneTrust.matches(List.of(record), MX, List.of(leaf, otherCa));

        assertThat(verdict.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(verdict.detail()).contains("does not validate");
    }

    @Test
    void daneTaChecksTheServerCertificatesValidityDates() throws Exception {
        TlsaRecord record = record(2, 0, 1, sha256(ca.getEncoded()));

        assertThat(DaneTrust.matches(List.of(record), MX, List.of(expired, ca)).outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void daneTaDoesNotMatchTheServerCertificateItself() throws Exception {
        TlsaRecord record = record(2, 0, 1, sha256(leaf.getEncoded()));

        assertThat(DaneTrust.matches(List.of(record), MX, List.of(leaf, ca)).outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void pkixUsagesUnknownParametersAndMalformedDataAreUnusable() throws Exception {
        byte[] spki = sha256(DerSpki.of(leaf));
        List<TlsaRecord> unusable =
                List.of(
                        record(0, 1, 1, spki),
                        record(1, 1, 1, spki),
                        record(4, 1, 1, spki),
                        record(3, 2, 1, spki),
                        record(3, 1, 3, spki),
                        record(3, 1, 1, Arrays.copyOf(spki, 31)),
                        record(3, 1, 2, spki),
                        record(3, 1, 0, new byte[0]));

        assertThat(DaneTrust.usable(unusable)).isEmpty();
        DaneVerdict verdict = DaneTrust.matches(unusable, MX, List.of(leaf));
        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_USABLE_RECORDS);
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.authenticated()).isFalse();
    }

    @Test
    void oneUsableRecordAmongUnusableOnesDecides() throws Exception {
        List<TlsaRecord> records =
                List.of(
                        record(1, 1, 1, sha256(DerSpki.of(leaf))),
                        record(3, 1, 1, sha256(DerSpki.of(wildcard))));

        assertThat(DaneTrust.matches(records, MX, List.of(leaf)).outcome())
                .as("the PKIX-EE record would match, but only the DANE-EE one counts")
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void anyOfSeveralRecordsMayMatch() throws Exception {
        List<TlsaRecord> records =
                List.of(
                        record(3, 1, 1, sha256(DerSpki.of(wildcard))),
                        record(3, 1, 1, sha256(DerSpki.of(leaf))));

        assertThat(DaneTrust.matches(records, MX, List.of(leaf)).outcome())
                .isEqualTo(Outcome.EE_MATCH);
    }

    @Test
    void trustManagerAcceptsAMatchAndRejectsAMismatchRecordingTheVerdict() throws Exception {
        DaneTrustManager matching =
                DaneTrust.trustManager(List.of(record(3, 1, 1, sha256(DerSpki.of(leaf)))), MX);
        matching.checkServerTrusted(new X509Certificate[] {leaf, ca}, "ECDHE_ECDSA");
        assertThat(matching.verdict()).map(DaneVerdict::outcome).contains(Outcome.EE_MATCH);

        DaneTrustManager other =
                DaneTrust.trustManager(List.of(record(3, 1, 1, sha256(DerSpki.of(wildcard)))), MX);
        assertThatThrownBy(
                        () ->
                                other.checkServerTrusted(
                                        new X509Certificate[] {leaf, ca}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("DANE:");
        assertThat(other.verdict()).map(DaneVerdict::outcome).contains(Outcome.MISMATCH);
        assertThat(other.getAcceptedIssuers()).isEmpty();
        assertThatThrownBy(() -> other.checkClientTrusted(new X509Certificate[] {leaf}, "RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void trustManagerWithoutUsableRecordsAcceptsAnyChain() throws Exception {
        DaneTrustManager tm = DaneTrust.trustManager(List.of(record(1, 0, 1, new byte[32])), MX);

        tm.checkServerTrusted(new X509Certificate[] {expired}, "ECDHE_ECDSA");

        assertThat(tm.verdict()).map(DaneVerdict::outcome).contains(Outcome.NO_USABLE_RECORDS);
    }

    @Test
    void anEmptyChainIsAMismatch() {
        TlsaRecord record = record(3, 1, 1, new byte[32]);

        assertThat(DaneTrust.matches(List.of(record), MX, List.of()).outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void wildcardsStandForExactlyOneWholeLeftMostLabel() {
        assertThat(ReferenceNames.matches("*.example.test", "mx.example.test")).isTrue();
        assertThat(ReferenceNames.matches("*.example.test", "example.test")).isFalse();
        assertThat(ReferenceNames.matches("*.example.test", "a.b.example.test")).isFalse();
        assertThat(ReferenceNames.matches("m*.example.test", "mx.example.test")).isFalse();
        assertThat(ReferenceNames.matches("*.test", "example.test")).isFalse();
        assertThat(ReferenceNames.matches("mx.example.test", "mx.example.test")).isTrue();
    }

    @Test
    void referenceNamesCompareCaseInsensitivelyWithoutTrailingDot() throws Exception {
        TlsaRecord record = record(2, 0, 1, sha256(ca.getEncoded()));

        assertThat(
                        DaneTrust.matches(
                                        List.of(record),
                                        List.of("MX.Example.Test."),
                                        List.of(leaf, ca))
                                .outcome())
                .isEqualTo(Outcome.TA_MATCH);
    }

    private static TlsaRecord record(int usage, int selector, int matchingType, byte[] data) {
        return new TlsaRecord(usage, selector, matchingType, data);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static X509Certificate certificate(String resource) {
        try (InputStream in = DaneTrustTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test certificate " + resource);
            }
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
