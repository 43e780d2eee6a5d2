package org.filtermx.infrastructure.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.filtermx.infrastructure.smtp.CertificateCheck;
import org.filtermx.infrastructure.smtp.TrustAnchors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 8461 section 3.3 against a real HTTPS server: 200 with text/plain only, no redirects, the
 * certificate verified for the policy host, the size cap.
 */
class PolicyFetcherTest {

    private static final String HOST = "mta-sts.example.test";
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx.example.test\n";

    @TempDir static Path keyDir;
    private static SSLContext serverTls;
    private static X509Certificate certificate;

    private HttpsServer server;

    @BeforeAll
    static void certificate() throws Exception {
        Path keystore = keyDir.resolve("sts.p12");
        Process process =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "sts",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=" + HOST,
                                "-ext",
                                "SAN=dns:" + HOST,
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keystore.toString(),
                                "-storepass",
                                "changeit",
                                "-keypass",
                                "changeit")
                        .redirectErrorStream(true)
                        .start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        certificate = (X509Certificate) store.getCertificate("sts");
        KeyManagerFactory keys =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve(int status, String contentType, byte[] body) throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext(
                PolicyFetcher.PATH,
                exchange -> {
                    if (contentType != null) {
                        exchange.getResponseHeaders().add("Content-Type", contentType);
                    }
                    if (status == 301) {
                        exchange.getResponseHeaders().add("Location", "https://elsewhere.test/");
                    }
                    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        return server.getAddress().getPort();
    }

    private static PolicyFetcher fetcher(X509Certificate... anchors) {
        return new PolicyFetcher(
                new CertificateCheck(TrustAnchors.of(anchors)),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5));
    }

    private static String fetch(PolicyFetcher fetcher, int port) throws Exception {
        return fetcher.fetch(HOST, InetAddress.getLoopbackAddress(), port);
    }

    @Test
    void fetchesAPolicyServedWithAVerifiedCertificate() throws Exception {
        int port = serve(200, "text/plain; charset=utf-8", POLICY.getBytes(StandardCharsets.UTF_8));
        assertThat(fetch(fetcher(certificate), port)).isEqualTo(POLICY);
    }

    @Test
    void refusesAnUntrustedCertificateBeforeAskingAnything() throws Exception {
        int port = serve(200, "text/plain", POLICY.getBytes(StandardCharsets.UTF_8));
        PolicyFetcher jdkOnly =
                new PolicyFetcher(
                        new CertificateCheck(TrustAnchors.jdk()),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(5));
        assertThatThrownBy(() -> fetch(jdkOnly, port))
                .isInstanceOf(PolicyFetcher.FetchFailed.class)
                .hasMessageContaining("certificate not trusted");
    }

    @Test
    void refusesACertificateForAnotherHost() throws Exception {
        int port = serve(200, "text/plain", POLICY.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(
                        () ->
                                fetcher(certificate)
                                        .fetch(
                                                "mta-sts.other.test",
                                                InetAddress.getLoopbackAddress(),
                                                port))
                .isInstanceOf(PolicyFetcher.FetchFailed.class)
                .hasMessageContaining("does not name mta-sts.other.test");
    }

    @Test
    void doesNotFollowRedirectsAndNeeds200() throws Exception {
        int port = serve(301, "text/plain", new byte[0]);
        assertThatThrownBy(() -> fetch(fetcher(certificate), port))
                .isInstanceOf(PolicyFetcher.FetchFailed.class)
                .hasMessageContaining("HTTP status 301");
    }

    @Test
    void needsTextPlain() throws Exception {
        int port = serve(200, "text/html", POLICY.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> fetch(fetcher(certificate), port))
                .isInstanceOf(PolicyFetcher.FetchFailed.class)
                .hasMessageContaining("not text/plain");
    }

    @Test
    void refusesABodyOverTheCap() throws Exception {
        byte[] huge = new byte[MtaStsPolicyParser.MAX_POLICY_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        int port = serve(200, "text/plain", huge);
        assertThatThrownBy(() -> fetch(fetcher(certificate), port))
                .isInstanceOf(PolicyFetcher.FetchFailed.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void readsAChunkedBody() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext(
                PolicyFetcher.PATH,
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, 0); // 0: chunked
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(POLICY.substring(0, 10).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        out.write(POLICY.substring(10).getBytes(StandardCharsets.UTF_8));
                    }
                });
        server.start();
        assertThat(fetch(fetcher(certificate), server.getAddress().getPort())).isEqualTo(POLICY);
    }

    @Test
    void givesUpOnASilentServer() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetch(fetcher(certificate), silent.getLocalPort()))
                    .isInstanceOf(PolicyFetcher.FetchFailed.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(15));
        }
    }
}
