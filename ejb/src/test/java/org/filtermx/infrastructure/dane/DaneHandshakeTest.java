package org.filtermx.infrastructure.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.filtermx.infrastructure.dane.DaneVerdict.Outcome;
import org.filtermx.infrastructure.dns.TlsaRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DaneTrustManager} in real JSSE handshakes on loopback, against a server presenting the
 * test leaf ({@code mx.example.test}, issued by the test CA) and the CA: the trust manager alone
 * decides, JSSE adds no host name check of its own (the client connects to 127.0.0.1 with SNI
 * {@code mx.example.test}).
 */
class DaneHandshakeTest {

    private X509Certificate leaf;
    private X509Certificate ca;
    private SSLServerSocket server;
    private CompletableFuture<Void> accepting;

    @BeforeEach
    void startServer() throws Exception {
        leaf = certificate("leaf.pem");
        ca = certificate("ca.pem");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("mx", privateKey("leaf.key"), new char[0], new Certificate[] {leaf, ca});
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server =
                (SSLServerSocket)
                        context.getServerSocketFactory()
                                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        accepting =
                CompletableFuture.runAsync(
                        () -> {
                            while (!server.isClosed()) {
                                try (SSLSocket socket = (SSLSocket) server.accept()) {
                                    socket.setSoTimeout(3000);
                                    socket.startHandshake();
                                    socket.getOutputStream().write('.');
                                    socket.getOutputStream().flush();
                                } catch (IOException e) {
                                    // a refused handshake or the end of the test
                                }
                            }
                        });
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        accepting.get(5, TimeUnit.SECONDS);
    }

    @Test
    void daneEeMatchCompletesTheHandshakeWithoutAnyNameCheck() throws Exception {
        DaneTrustManager trust =
                DaneTrust.trustManager(
                        List.of(new TlsaRecord(3, 1, 1, sha256(DerSpki.of(leaf)))),
                        List.of("unrelated.example.org"));

        handshake(trust);

        assertThat(trust.verdict()).map(DaneVerdict::outcome).contains(Outcome.EE_MATCH);
    }

    @Test
    void daneTaMatchCompletesTheHandshakeForTheReferenceName() throws Exception {
        DaneTrustManager trust =
                DaneTrust.trustManager(
                        List.of(new TlsaRecord(2, 0, 1, sha256(ca.getEncoded()))),
                        DaneTrust.referenceNames("mx.example.test", "example.test"));

        handshake(trust);

        assertThat(trust.verdict()).map(DaneVerdict::outcome).contains(Outcome.TA_MATCH);
    }

    @Test
    void aMismatchAbortsTheHandshake() throws Exception {
        DaneTrustManager trust =
                DaneTrust.trustManager(
                        List.of(new TlsaRecord(3, 1, 1, new byte[32])), List.of("mx.example.test"));

        assertThatThrownBy(() -> handshake(trust)).isInstanceOf(SSLHandshakeException.class);
        assertThat(trust.verdict()).map(DaneVerdict::outcome).contains(Outcome.MISMATCH);
    }

    @Test
    void theSessionsPeerChainGivesTheSameVerdictAfterTheHandshake() throws Exception {
        DaneTrustManager any = DaneTrust.trustManager(List.of(), List.of());
        Certificate[] presented = handshake(any);

        assertThat(any.verdict()).map(DaneVerdict::outcome).contains(Outcome.NO_USABLE_RECORDS);
        assertThat(
                        DaneTrust.matches(
                                        List.of(new TlsaRecord(3, 0, 1, sha256(leaf.getEncoded()))),
                                        List.of(),
                                        presented)
                                .outcome())
                .isEqualTo(Outcome.EE_MATCH);
    }

    private Certificate[] handshake(TrustManager trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                    3000);
            socket.setSoTimeout(3000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("mx.example.test")));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getInputStream().read()).isEqualTo('.');
            return socket.getSession().getPeerCertificates();
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static X509Certificate certificate(String resource) throws Exception {
        try (InputStream in = DaneHandshakeTest.class.getResourceAsStream(resource)) {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The test leaf's EC key, PKCS #8 in PEM (a test-only key, nowhere else in use). */
    private static PrivateKey privateKey(String resource) throws Exception {
        try (InputStream in = DaneHandshakeTest.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String body =
                    pem.replace("-----BEGIN PRIVATE KEY-----", "")
                            .replace("-----END PRIVATE KEY-----", "")
                            .replace("\n", "")
                            .replace("\r", "");
            return KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        }
    }
}
