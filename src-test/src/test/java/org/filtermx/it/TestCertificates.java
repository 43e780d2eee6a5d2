package org.filtermx.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server certificates of the TLS tests, committed under {@code src/test/resources/tls} with a
 * validity of a hundred years: {@code destination.p12} is issued by the test CA ({@code ca.pem},
 * which scripts/it-env.sh gives the gateway as FILTERMX_TLS_TRUST_ANCHORS) for {@code localhost},
 * {@code 127.0.0.1}, {@code mta-sts.<d>} and {@code mx.<d>} of the MTA-STS test domains ({@code
 * sts-*.test}); {@code self-signed.p12} is signed by its own key for the same loopback names. The
 * test CA's key ({@code ca.key}) is there to issue more with openssl.
 */
enum TestCertificates {
    /** Issued by the test CA, which the gateway trusts. */
    TRUSTED("destination.p12"),
    /** Self-signed, which no trust anchor vouches for. */
    SELF_SIGNED("self-signed.p12");

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final String resource;

    TestCertificates(String resource) {
        this.resource = resource;
    }

    /** The server certificate itself (for TLSA records). */
    java.security.cert.X509Certificate certificate() throws IOException {
        try {
            KeyStore store = keyStore();
            return (java.security.cert.X509Certificate)
                    store.getCertificate(store.aliases().nextElement());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load tls/" + resource, e);
        }
    }

    private KeyStore keyStore() throws IOException, GeneralSecurityException {
        try (InputStream in = TestCertificates.class.getResourceAsStream("/tls/" + resource)) {
            if (in == null) {
                throw new IOException("missing test resource tls/" + resource);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        }
    }

    /** A server-side TLS context presenting this certificate. */
    SSLContext serverContext() throws IOException {
        try {
            KeyStore store = keyStore();
            KeyManagerFactory keys =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load tls/" + resource, e);
        }
    }
}
