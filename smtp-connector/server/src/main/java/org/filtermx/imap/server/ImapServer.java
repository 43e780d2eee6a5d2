package org.filtermx.imap.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.server.netty.ImapChannelInitializer;
import org.filtermx.imap.server.netty.SessionResources;
import org.filtermx.smtp.server.Listeners;
import org.filtermx.smtp.server.SmtpServer;

/**
 * One IMAP listener (the quarantine seen from a mail client): the STARTTLS port (143) or the
 * implicit TLS port (993, RFC 8314 section 3.3). Runs inside the resource adapter on its event
 * loops, and standalone in tests.
 */
public final class ImapServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImapServer.class.getName());

    private final SessionResources resources;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final boolean ownsGroups;
    private final ChannelGroup openChannels =
            new DefaultChannelGroup("imap", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    /**
     * A listener on shared event loop groups, which the caller shuts down.
     *
     * @param listener the endpoint; in the container an invoker bracketing each call
     * @param executor where commands run (the WorkManager), never an event loop
     * @param tls the TLS context; {@code null} offers no STARTTLS (tests)
     * @param implicitTls whether this is the implicit TLS listener
     */
    public ImapServer(
            ImapServerSettings settings,
            ImapListener listener,
            Executor executor,
            SslContext tls,
            boolean implicitTls,
            EventLoopGroup acceptors,
            EventLoopGroup workers) {
        this(
                new SessionResources(settings, listener, executor, tls, implicitTls),
                acceptors,
                workers,
                false);
    }

    /** A listener with event loop groups of its own, shut down by {@link #close()}. */
    public ImapServer(
            ImapServerSettings settings,
            ImapListener listener,
            Executor executor,
            SslContext tls,
            boolean implicitTls) {
        this(
                new SessionResources(settings, listener, executor, tls, implicitTls),
                SmtpServer.newGroup(1, "imap-accept"),
                SmtpServer.newGroup(0, "imap-io"),
                true);
    }

    private ImapServer(
            SessionResources resources,
            EventLoopGroup acceptors,
            EventLoopGroup workers,
            boolean ownsGroups) {
        this.resources = resources;
        this.acceptors = acceptors;
        this.workers = workers;
        this.ownsGroups = ownsGroups;
    }

    /**
     * Binds the listener.
     *
     * @return the bound address (useful with port 0)
     * @throws IOException when the address cannot be bound
     */
    public synchronized InetSocketAddress start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        InetSocketAddress address =
                new InetSocketAddress(resources.settings().bindAddress(), resources.port());
        serverChannel =
                Listeners.bind(
                        acceptors,
                        workers,
                        address,
                        new ImapChannelInitializer(resources, openChannels),
                        name());
        LOG.info(() -> name() + " listening on " + localAddress());
        return localAddress();
    }

    public synchronized InetSocketAddress localAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    private String name() {
        return resources.implicitTls() ? "IMAP (implicit TLS)" : "IMAP";
    }

    /** Stops listening, closes every open session and, if it owns them, its event loops. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            LOG.info(() -> name() + " listener closed");
            serverChannel = null;
        }
        openChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownsGroups) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS)
                    .awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
