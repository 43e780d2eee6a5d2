package org.filtermx.smtp.server.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import org.filtermx.smtp.server.SmtpServerSettings;

/**
 * Builds the STARTTLS server context from the configured keystore, or from a self-signed one
 * generated on first start, with the JDK provider and TLS 1.2 and 1.3 only.
 */
public final class ServerTlsContext {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTlsContext() {}

    public static SslContext create(SmtpServerSettings settings)
            throws IOException, GeneralSecurityException {
        KeyStore keyStore;
        char[] password;
        if (settings.keystorePath() != null) {
            password = settings.keystorePassword().toCharArray();
            // Detects PKCS12 and JKS by content (JDK 9+).
            keyStore = KeyStore.getInstance(settings.keystorePath().toFile(), password);
        } else {
            SelfSignedKeyStore generated =
                    SelfSignedKeyStore.loadOrCreate(
                            settings.dataDirectory().resolve("tls"), settings.serverName());
            keyStore = generated.keyStore();
            password = generated.password();
        }
        KeyManagerFactory keyManagers =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        return SslContextBuilder.forServer(keyManagers)
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .build();
    }
}
