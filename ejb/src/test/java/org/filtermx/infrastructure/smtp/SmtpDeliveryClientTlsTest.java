package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opportunistic STARTTLS against a server with a self-signed certificate made by keytool. */
class SmtpDeliveryClientTlsTest {

    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String MESSAGE = "Subject: tls\r\n\r\n.secret\r\n";

    @TempDir static Path keyDir;
    private static SSLContext serverTls;

    private final SmtpDeliveryClient client =
            new SmtpDeliveryClient(SmtpClientSettings.defaults().withTimeouts(SHORT, SHORT, SHORT));

    @BeforeAll
    static void createSelfSignedCertificate() throws Exception {
        Path keystore = keyDir.resolve("mx.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process =
                new ProcessBuilder(
                                keytool.toString(),
                                "-genkeypair",
                                "-alias",
                                "mx",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=mx.test",
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
        KeyManagerFactory keys =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
    }

    @Test
    void upgradesToTlsWhenOfferedAndRepeatsEhlo() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withTls(serverTls).start();

            DeliveryAttempt attempt = deliver(server);

            assertThat(attempt.tls()).isTrue();
            assertThat(attempt.allDelivered()).isTrue();
            assertThat(server.sessions()).hasSize(1);
            assertThat(server.lastSession().tls).isTrue();
            assertThat(server.lastSession().commands)
                    .startsWith("EHLO filter.test", "STARTTLS", "EHLO filter.test");
            assertThat(new String(server.lastSession().data, StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: tls\r\n\r\n..secret\r\n.\r\n");
        }
    }

    @Test
    void reconnectsAndDeliversInClearWhenTlsHandshakeFails() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS").withBrokenTls().start();

            DeliveryAttempt attempt = deliver(server);

            assertThat(attempt.tls()).isFalse();
            assertThat(attempt.allDelivered()).isTrue();
            assertThat(server.sessions()).hasSize(2);
            assertThat(server.sessions().get(0).commands).endsWith("STARTTLS");
            assertThat(server.sessions().get(1).commands)
                    .doesNotContain("STARTTLS")
                    .contains("DATA");
        }
    }

    @Test
    void staysInClearWhenStartTlsIsRefused() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.create()) {
            server.on("EHLO", "250-mx.test\n250 STARTTLS")
                    .on("STARTTLS", "454 4.7.0 TLS not available")
                    .start();

            DeliveryAttempt attempt = deliver(server);

            assertThat(attempt.tls()).isFalse();
            assertThat(attempt.allDelivered()).isTrue();
            assertThat(server.sessions()).hasSize(1);
        }
    }

    private DeliveryAttempt deliver(ScriptedSmtpServer server) {
        return client.deliver(
                server.destination(),
                "filter.test",
                "sender@origin.test",
                List.of("rcpt@customer.test"),
                MessageSource.ofBytes(MESSAGE.getBytes(StandardCharsets.US_ASCII)));
    }
}
