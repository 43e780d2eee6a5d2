package org.filtermx.infrastructure.smtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a TLS server's certificate chain as a verified delivery needs it (RFC 6125, RFC 8461
 * section 4.2): a PKIX path (RFC 5280) from the server's certificate to one of the {@link
 * TrustAnchors}, valid now, and the server's certificate naming the host ({@link ServerIdentity}).
 * Revocation is not checked, as Postfix does not at its {@code secure} level: OCSP and CRL fetches
 * would make every delivery depend on a third party's server.
 */
public final class CertificateCheck implements PeerCheck {

    private final TrustAnchors anchors;

    public CertificateCheck(TrustAnchors anchors) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
    }

    /**
     * What is wrong with {@code chain} (the server's certificate first) for {@code host}, or empty
     * when it is trusted and names the host.
     */
    @Override
    public Optional<String> problem(Certificate[] chain, String host) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.of("no X.509 certificate presented");
        }
        Optional<String> untrusted = pathProblem(chain);
        if (untrusted.isPresent()) {
            return untrusted;
        }
        if (!ServerIdentity.names(leaf, host)) {
            return Optional.of(
                    "certificate does not name "
                            + host
                            + " (subject "
                            + leaf.getSubjectX500Principal().getName()
                            + ")");
        }
        return Optional.empty();
    }

    private Optional<String> pathProblem(Certificate[] chain) {
        try {
            if (isAnchor(chain[0])) {
                // The operator trusts this very certificate (a private destination's own).
                return expiry((X509Certificate) chain[0]);
            }
            // The anchor itself is not part of the path; a server that sends it is common.
            List<Certificate> path = Arrays.stream(chain).filter(c -> !isAnchor(c)).toList();
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors.anchors());
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of("certificate not trusted: " + reason(e));
        } catch (InvalidAlgorithmParameterException e) {
            return Optional.of("no trust anchors configured");
        } catch (GeneralSecurityException e) {
            return Optional.of("certificate chain unusable: " + e.getMessage());
        }
    }

    private static Optional<String> expiry(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return Optional.empty();
        } catch (java.security.cert.CertificateException e) {
            return Optional.of("certificate not valid now: " + e.getMessage());
        }
    }

    private boolean isAnchor(Certificate c) {
        return anchors.anchors().stream().anyMatch(a -> c.equals(a.getTrustedCert()));
    }

    private static String reason(CertPathValidatorException e) {
        String message = e.getMessage() == null ? e.getReason().toString() : e.getMessage();
        // Messages of the JDK's validator are short; keep log lines bounded all the same.
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
