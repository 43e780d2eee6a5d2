package org.filtermx.smtp.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.filtermx.smtp.api.ConnectorStatus;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.server.netty.SessionResources;
import org.filtermx.smtp.server.netty.SmtpChannelInitializer;

/**
 * One SMTP listener: binds the port of its role and serves sessions until closed. It runs inside
 * the resource adapter, and just as well standalone in tests and benchmarks.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());

    private final SessionResources resources;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final boolean ownsGroups;
    private final ChannelGroup openChannels =
            new DefaultChannelGroup("smtp", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    /**
     * A listener on shared event loop groups, which the caller shuts down.
     *
     * @param tls the STARTTLS context, or {@code null} to offer no STARTTLS
     */
    public SmtpServer(
            SmtpServerSettings settings,
            Role role,
            EndpointInvoker invoker,
            Executor executor,
            SslContext tls,
            EventLoopGroup acceptors,
            EventLoopGroup workers) {
        this(
                new SessionResources(settings, role, invoker, executor, tls, false),
                acceptors,
                workers,
                false);
    }

    /** A listener with event loop groups of its own, shut down by {@link #close()}. */
    public SmtpServer(
            SmtpServerSettings settings,
            Role role,
            EndpointInvoker invoker,
            Executor executor,
            SslContext tls) {
        this(
                new SessionResources(settings, role, invoker, executor, tls, false),
                newGroup(1, "smtp-accept"),
                newGroup(0, "smtp-io"),
                true);
    }

    /**
     * The submission listener with implicit TLS (RFC 8314 section 3.3, port 465) on {@link
     * SmtpServerSettings#submissionsPort()}, on shared event loop groups.
     */
    public static SmtpServer implicitTls(
            SmtpServerSettings settings,
            EndpointInvoker invoker,
            Executor executor,
            SslContext tls,
            EventLoopGroup acceptors,
            EventLoopGroup workers) {
        return new SmtpServer(
                new SessionResources(settings, Role.SUBMISSION, invoker, executor, tls, true),
                acceptors,
                workers,
                false);
    }

    /** The implicit TLS submission listener with event loop groups of its own. */
    public static SmtpServer implicitTls(
            SmtpServerSettings settings,
            EndpointInvoker invoker,
            Executor executor,
            SslContext tls) {
        return new SmtpServer(
                new SessionResources(settings, Role.SUBMISSION, invoker, executor, tls, true),
                newGroup(1, "smtp-accept"),
                newGroup(0, "smtp-io"),
                true);
    }

    private SmtpServer(
            SessionResources resources,
            EventLoopGroup acceptors,
            EventLoopGroup workers,
            boolean ownsGroups) {
        this.resources = resources;
        this.acceptors = acceptors;
        this.workers = workers;
        this.ownsGroups = ownsGroups;
    }

    /** A NIO event loop group with daemon threads; {@code threads} 0 means Netty's default. */
    public static EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    }

    /**
     * Binds the listener.
     *
     * @return the bound address (useful with port 0)
     * @throws IOException when the address cannot be bound, typically because the port is in use
     */
    public synchronized InetSocketAddress start() throws IOException {
        return start(true);
    }

    /**
     * Binds the listener without accepting connections yet: the port is taken (so a port in use
     * fails here, at once) and clients wait in the backlog until {@link #accept()}. Health checks
     * see no listener of this role until then.
     */
    public synchronized InetSocketAddress startPaused() throws IOException {
        return start(false);
    }

    private InetSocketAddress start(boolean accepting) throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        SmtpServerSettings settings = resources.settings();
        InetSocketAddress address =
                resources.role() == Role.REHEARSAL
                        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                        : new InetSocketAddress(settings.bindAddress(), resources.port());
        serverChannel =
                Listeners.bind(
                        acceptors,
                        workers,
                        address,
                        new SmtpChannelInitializer(resources, openChannels),
                        name(),
                        accepting);
        if (accepting) {
            accepted();
        } else {
            LOG.info(() -> name() + " SMTP bound on " + localAddress() + ", not accepting yet");
        }
        return localAddress();
    }

    /** Starts accepting connections on a listener bound by {@link #startPaused()}. */
    public synchronized void accept() {
        if (serverChannel != null && !serverChannel.config().isAutoRead()) {
            serverChannel.config().setAutoRead(true);
            accepted();
        }
    }

    private void accepted() {
        ConnectorStatus.listenerBound(resources.role());
        LOG.info(() -> name() + " SMTP listening on " + localAddress());
    }

    /** The bound address, or {@code null} before {@link #start()}. */
    public synchronized InetSocketAddress localAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    public Role role() {
        return resources.role();
    }

    /** The role, and "with implicit TLS" for the 465-style listener, for logs and errors. */
    private String name() {
        return resources.role() + (resources.implicitTls() ? " (implicit TLS)" : "");
    }

    /** Stops listening, closes every open session and, if it owns them, its event loops. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            boolean accepting = serverChannel.config().isAutoRead();
            serverChannel.close().awaitUninterruptibly();
            if (accepting) {
                ConnectorStatus.listenerClosed(resources.role());
            }
            LOG.info(() -> name() + " SMTP listener closed");
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
