package org.filtermx.imap.server.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import org.filtermx.smtp.server.netty.ConnectionLimiter;

/**
 * Builds the pipeline of each accepted IMAP connection: TLS first on an implicit TLS listener (RFC
 * 8314 section 3.3), then the connection limiter shared with nothing else, then the session.
 */
public final class ImapChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SessionResources resources;
    private final ChannelGroup openChannels;
    private final ConnectionLimiter limiter;

    public ImapChannelInitializer(SessionResources resources, ChannelGroup openChannels) {
        this.resources = resources;
        this.openChannels = openChannels;
        this.limiter =
                new ConnectionLimiter(
                        resources.settings().maxConnectionsPerIp(),
                        resources.settings().maxConnections(),
                        "* BYE Too many concurrent IMAP connections from this IP address;"
                                + " please try again later.",
                        "* BYE Too many IMAP connections; please try again later.");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        openChannels.add(channel);
        if (resources.implicitTls()) {
            channel.pipeline()
                    .addLast("tls", new SslHandler(resources.tls().newEngine(channel.alloc())));
        }
        channel.pipeline()
                .addLast("limits", limiter)
                .addLast("imap", new ImapSessionHandler(resources));
    }
}
