package org.filtermx.imap.server.netty;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.server.ImapServerSettings;

/**
 * What every session of one IMAP listener shares.
 *
 * @param settings limits and timeouts
 * @param listener the endpoint (in the container, an invoker that brackets each call)
 * @param executor where commands run, never the event loop
 * @param tls the TLS context, or {@code null} for no STARTTLS
 * @param implicitTls whether connections start with the TLS handshake (port 993, RFC 8314)
 */
public record SessionResources(
        ImapServerSettings settings,
        ImapListener listener,
        Executor executor,
        SslContext tls,
        boolean implicitTls) {

    public SessionResources {
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("an implicit TLS listener needs a TLS context");
        }
    }

    public int port() {
        return implicitTls ? settings.implicitTlsPort() : settings.port();
    }
}
