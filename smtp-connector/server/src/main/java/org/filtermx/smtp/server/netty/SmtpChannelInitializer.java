package org.filtermx.smtp.server.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the pipeline of each accepted connection: the connection limiter, then the session
 * handler. STARTTLS later puts an {@code SslHandler} in front of both.
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
        channel.pipeline()
                .addLast("limits", limiter)
                .addLast("smtp", new SmtpSessionHandler(resources));
    }
}
