package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.filtermx.application.port.TlsRequirement;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries under a TLS requirement (RFC 3207 section 4.1, RFC 6125): required never falls back to
 * plain text, verified also checks the chain and the name, report-only delivers regardless.
 */
class SmtpDeliveryClientTlsPolicyTest {

    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String MESSAGE = "Subject: tls\r\n\r\nhello\r\n";
    private static final TlsRequirement REQUIRED =
            new TlsRequirement(DeliveryTls.REQUIRED, "TLS policy of customer.test", false);
    private static final TlsRequirement VERIFIED =
            new TlsRequirement(DeliveryTls.VERIFIED, "TLS policy of customer.test", false);
    private static final TlsRequirement TESTING =
            new TlsRequirement(DeliveryTls.VERIFIED, "MTA-STS policy of customer.test", true);

    @TempDir static Path keyDir;

    /** A server certificate for localhost and 127.0.0.1, and one for another name only. */
    private static SSLContext localTls;

    private static X509Certificate localCertificate;
    private static SSLContext otherTls;
    private static X509Certificate otherCertificate;

    @BeforeAll
    static void createCertificates() throws Exception {
        KeyStore local = selfSigned("local", "SAN=dns:localhost,ip:127.0.0.1");
        localTls = serverContext(local);
        localCertificate = (X509Certificate) local.getCertificate("local");
        KeyStore other = selfSigned("other", "SAN=dns:mx.elsewhere.test");
        otherTls = serverContext(other);
        otherCertificate = (X509Certificate) other.getCertificate("other");
    }

    private static KeyStore selfSigned(String alias, String extension) throws Exception {
        Path keystore = keyDir.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process =
                new ProcessBuilder(
                                keytool.toString(),
                                "-genkeypair",
                                "-alias",
                                alias,
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=" + alias,
                                "-ext",
                                extension,
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
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static SSLContext serverContext(KeyStore store) throws Exception {
        KeyManagerFactory keys =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SmtpDeliveryClient trusting(X509Certificate... anchors) {
        return new SmtpDeliveryClient(
                SmtpClientSettings.defaults().withTimeouts(SHORT, SHORT, SHORT),
                TrustAnchors.of(anchors));
    }

    @Test
    void requiredDefersWhenTheDestinationOffersNoStartTls() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 PIPELINING").start();

            DeliveryAttempt attempt = deliver(trusting(localCertificate), server, REQUIRED);

            assertThat(attempt.allDelivered()).isFalse();
            assertThat(attempt.recipients())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.status()).isEqualTo(DeliveryStatus.TEMPORARY);
                                assertThat(r.reply())
                                        .startsWith("TLS required (TLS policy of customer.test): ")
                                        .endsWith("offers no STARTTLS");
                            });
            assertThat(server.lastSession().commands)
                    .doesNotContain("MAIL FROM:<sender@origin.test>");
            assertThat(server.lastSession().commands).last().isEqualTo("QUIT");
        }
    }

    @Test
    void requiredDefersWhenStartTlsIsRefusedInsteadOfGoingOnInClear() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS")
                    .on("STARTTLS", "454 4.7.0 TLS not available")
                    .start();

            DeliveryAttempt attempt = deliver(trusting(localCertificate), server, REQUIRED);

            assertThat(attempt.withStatus(DeliveryStatus.TEMPORARY)).hasSize(1);
            assertThat(attempt.detail()).contains("refused STARTTLS: 454 4.7.0 TLS not available");
            assertThat(server.sessions()).hasSize(1);
        }
    }

    @Test
    void requiredDefersWhenTheHandshakeFailsAndNeverRetriesInClear() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withBrokenTls().start();

            DeliveryAttempt attempt = deliver(trusting(localCertificate), server, REQUIRED);

            assertThat(attempt.withStatus(DeliveryStatus.TEMPORARY)).hasSize(1);
            assertThat(attempt.detail()).contains("TLS handshake with");
            assertThat(server.sessions()).as("no second session in clear").hasSize(1);
        }
    }

    @Test
    void requiredTakesAnyCertificate() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withTls(otherTls).start();

            DeliveryAttempt attempt = deliver(trusting(localCertificate), server, REQUIRED);

            assertThat(attempt.tls()).isTrue();
            assertThat(attempt.allDelivered()).isTrue();
        }
    }

    @Test
    void verifiedDeliversWithATrustedCertificateNamingTheHost() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withTls(localTls).start();

            DeliveryAttempt attempt = deliver(trusting(localCertificate), server, VERIFIED);

            assertThat(attempt.tls()).isTrue();
            assertThat(attempt.allDelivered()).as(attempt.detail()).isTrue();
        }
    }

    @Test
    void verifiedDefersAnUntrustedCertificateAfterTheHandshakeBeforeAnyMail() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withTls(localTls).start();

            DeliveryAttempt attempt = deliver(trusting(otherCertificate), server, VERIFIED);

            assertThat(attempt.withStatus(DeliveryStatus.TEMPORARY)).hasSize(1);
            assertThat(attempt.detail()).contains("not verified: certificate not trusted");
            assertThat(server.lastSession().commands).doesNotContain("DATA");
        }
    }

    @Test
    void verifiedDefersATrustedCertificateForAnotherName() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withTls(otherTls).start();

            DeliveryAttempt attempt = deliver(trusting(otherCertificate), server, VERIFIED);

            assertThat(attempt.withStatus(DeliveryStatus.TEMPORARY)).hasSize(1);
            assertThat(attempt.detail()).contains("certificate does not name");
        }
    }

    @Test
    void reportOnlyDeliversDespiteAnUntrustedCertificateOrNoStartTls() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withTls(localTls).start();
            assertThat(deliver(trusting(otherCertificate), server, TESTING).allDelivered())
                    .isTrue();
        }
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 PIPELINING").start();
            assertThat(deliver(trusting(otherCertificate), server, TESTING).allDelivered())
                    .isTrue();
        }
    }

    private static DeliveryAttempt deliver(
            SmtpDeliveryClient client, ScriptedSmtpServer server, TlsRequirement requirement) {
        return client.deliver(
                server.destination(),
                "filter.test",
                "sender@origin.test",
                List.of("rcpt@customer.test"),
                MessageSource.ofBytes(MESSAGE.getBytes(StandardCharsets.US_ASCII)),
                requirement);
    }
}
