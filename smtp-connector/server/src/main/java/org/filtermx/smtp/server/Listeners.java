package org.filtermx.smtp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Binds one listening socket on the adapter's event loops, the same way for every protocol the
 * adapter serves (SMTP, submission, IMAP): a backlog of 256, address reuse for quick restarts, no
 * Nagle delay on the sessions.
 */
public final class Listeners {

    private Listeners() {}

    /**
     * The bound server channel; an {@link IOException} naming the address and {@code name} when the
     * port cannot be bound (in use, not allowed).
     */
    public static Channel bind(
            EventLoopGroup acceptors,
            EventLoopGroup workers,
            InetSocketAddress address,
            ChannelHandler sessions,
            String name)
            throws IOException {
        return bind(acceptors, workers, address, sessions, name, true);
    }

    /**
     * As {@link #bind(EventLoopGroup, EventLoopGroup, InetSocketAddress, ChannelHandler, String)};
     * with {@code accepting} false the socket is bound and listens, but no connection is accepted
     * until the channel's auto-read is switched on: clients wait in the backlog, none is refused.
     */
    public static Channel bind(
            EventLoopGroup acceptors,
            EventLoopGroup workers,
            InetSocketAddress address,
            ChannelHandler sessions,
            String name,
            boolean accepting)
            throws IOException {
        ChannelFuture bound =
                new ServerBootstrap()
                        .group(acceptors, workers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.AUTO_READ, accepting)
                        .option(ChannelOption.SO_BACKLOG, 256)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(sessions)
                        .bind(address)
                        .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException(
                    "cannot listen on "
                            + address.getHostString()
                            + ":"
                            + address.getPort()
                            + " for "
                            + name
                            + ": "
                            + cause.getMessage(),
                    cause);
        }
        return bound.channel();
    }
}
