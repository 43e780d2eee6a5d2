package org.filtermx.smtp.server.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import org.filtermx.smtp.api.ConnectorStatus;
import org.filtermx.smtp.api.Role;

/**
 * Builds the pipeline of each accepted connection: the connection limiter, then the session
 * handler. STARTTLS later puts an {@code SslHandler} in front of both; on an implicit TLS listener
 * (RFC 8314 section 3.3) it is there from the start, so even a refusal over a limit is encrypted.
 */
public final class SmtpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SessionResources resources;
    private final ConnectionLimiter limiter;
    private final ChannelGroup openChannels;

    public SmtpChannelInitializer(SessionResources resources, ChannelGroup openChannels) {
        this.resources = resources;
        this.openChannels = openChannels;
        this.limiter =
                new ConnectionLimiter(
                        resources.settings().maxConnectionsPerIp(),
                        resources.settings().maxConnections(),
                        resources.settings().serverName());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        openChannels.add(channel);
        Role role = resources.role();
        ConnectorStatus.sessionOpened(role);
        channel.closeFuture().addListener(closed -> ConnectorStatus.sessionClosed(role));
        if (resources.implicitTls()) {
            channel.pipeline()
                    .addLast("tls", new SslHandler(resources.tls().newEngine(channel.alloc())));
        }
        channel.pipeline()
                .addLast("limits", limiter)
                .addLast("smtp", new SmtpSessionHandler(resources));
    }
}
