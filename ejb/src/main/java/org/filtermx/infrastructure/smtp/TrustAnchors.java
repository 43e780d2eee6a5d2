package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a verified TLS peer must chain to: the JDK's own ({@code cacerts},
 * what a browser-like client trusts) plus an optional PEM bundle the operator names ({@code
 * FILTERMX_TLS_TRUST_ANCHORS}), for a private CA of a customer's destination or of a test.
 */
public final class TrustAnchors {

    private static final Logger LOG = Logger.getLogger(TrustAnchors.class.getName());

    /** A bundle larger than this is not read: the Mozilla bundle is about 220 KiB. */
    static final long MAX_BUNDLE_BYTES = 4L * 1024 * 1024;

    private final Set<TrustAnchor> anchors;

    private TrustAnchors(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    /** The JDK's trust anchors only. */
    public static TrustAnchors jdk() {
        return new TrustAnchors(jdkAnchors());
    }

    /**
     * The JDK's trust anchors plus those of the PEM file {@code bundle} (blank: none). A bundle
     * that cannot be read is logged and left out, so that a typo does not stop every delivery;
     * verified deliveries to a private CA then defer and say so.
     */
    public static TrustAnchors withBundle(String bundle) {
        Set<TrustAnchor> all = new HashSet<>(jdkAnchors());
        if (bundle != null && !bundle.isBlank()) {
            try {
                all.addAll(read(Path.of(bundle.strip())));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.severe(
                        "FILTERMX_TLS_TRUST_ANCHORS "
                                + bundle
                                + " cannot be read ("
                                + e.getMessage()
                                + "); only the JDK's certificate authorities are trusted");
            }
        }
        return new TrustAnchors(all);
    }

    /** The anchors of one PEM (or DER) file of certificates. */
    public static TrustAnchors of(Path bundle) throws IOException, GeneralSecurityException {
        return new TrustAnchors(read(bundle));
    }

    /** Exactly these certificates, for tests and pinned private destinations. */
    public static TrustAnchors of(X509Certificate... certificates) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : certificates) {
            set.add(new TrustAnchor(c, null));
        }
        return new TrustAnchors(set);
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    private static Set<TrustAnchor> read(Path bundle) throws IOException, GeneralSecurityException {
        if (Files.size(bundle) > MAX_BUNDLE_BYTES) {
            throw new IOException("larger than " + MAX_BUNDLE_BYTES + " bytes");
        }
        Set<TrustAnchor> read = new HashSet<>();
        try (InputStream in = Files.newInputStream(bundle)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x509) {
                    read.add(new TrustAnchor(x509, null));
                }
            }
        }
        if (read.isEmpty()) {
            throw new IOException("no certificate in it");
        }
        return read;
    }

    private static Set<TrustAnchor> jdkAnchors() {
        try {
            TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<TrustAnchor> jdk = new HashSet<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        jdk.add(new TrustAnchor(ca, null));
                    }
                }
            }
            return jdk;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust anchors cannot be loaded", e);
        }
    }
}
