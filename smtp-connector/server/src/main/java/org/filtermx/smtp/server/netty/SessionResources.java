package org.filtermx.smtp.server.netty;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.server.EndpointInvoker;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.filtermx.smtp.server.StorageGuard;

/**
 * What every session of one listener shares.
 *
 * @param settings limits, names and directories
 * @param role the role of the listener
 * @param invoker the endpoint that decides
 * @param executor where blocking endpoint calls run
 * @param tls the TLS context, or {@code null} when STARTTLS is not offered
 * @param storage free space where messages are written
 * @param implicitTls whether every connection starts with the TLS handshake (RFC 8314 section 3.3,
 *     port 465) instead of offering STARTTLS
 */
public record SessionResources(
        SmtpServerSettings settings,
        Role role,
        EndpointInvoker invoker,
        Executor executor,
        SslContext tls,
        StorageGuard storage,
        boolean implicitTls) {

    public SessionResources {
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("an implicit TLS listener needs a TLS context");
        }
    }

    public SessionResources(
            SmtpServerSettings settings,
            Role role,
            EndpointInvoker invoker,
            Executor executor,
            SslContext tls,
            boolean implicitTls) {
        this(
                settings,
                role,
                invoker,
                executor,
                tls,
                new StorageGuard(settings.dataDirectory(), settings.tempDirectory()),
                implicitTls);
    }

    /** The port this listener binds: the role's, or the implicit TLS submission port. */
    public int port() {
        return implicitTls ? settings.submissionsPort() : settings.port(role);
    }
}
