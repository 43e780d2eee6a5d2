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
 * @param tls the STARTTLS context, or {@code null} when STARTTLS is not offered
 * @param storage free space where messages are written
 */
public record SessionResources(
        SmtpServerSettings settings,
        Role role,
        EndpointInvoker invoker,
        Executor executor,
        SslContext tls,
        StorageGuard storage) {

    public SessionResources(
            SmtpServerSettings settings,
            Role role,
            EndpointInvoker invoker,
            Executor executor,
            SslContext tls) {
        this(
                settings,
                role,
                invoker,
                executor,
                tls,
                new StorageGuard(settings.dataDirectory(), settings.tempDirectory()));
    }
}
