package org.filtermx.imap.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.imap.server.protocol.ImapProtocol;
import org.filtermx.imap.server.protocol.ImapProtocol.Next;
import org.filtermx.imap.server.protocol.RawCommand;
import org.filtermx.imap.server.protocol.ResponseOutput;
import org.filtermx.smtp.server.RejectableTask;
import org.filtermx.smtp.server.netty.ClientAddress;
import org.filtermx.smtp.server.netty.ClientTimeout;
import org.filtermx.smtp.server.netty.ConnectionLimiter;
import org.filtermx.smtp.server.netty.SessionIds;

/**
 * Carries one IMAP session over one channel. On the event loop it frames commands, handles
 * STARTTLS, IDLE and the AUTHENTICATE continuation; each command runs to its end on the
 * blocking-work executor, one at a time: while one runs, reading stops and pipelined input waits
 * (RFC 3501 section 5.5 allows a server to serialize).
 */
final class ImapSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ImapSessionHandler.class.getName());

    private enum Mode {
        COMMAND,
        AUTH,
        IDLE
    }

    private final SessionResources resources;
    private final ImapServerSettings settings;
    private ChannelHandlerContext ctx;
    private ImapProtocol protocol;
    private CommandFramer framer;
    private ClientTimeout timeout;
    private ChannelOutput output;
    private ByteBuf pending;
    private Mode mode = Mode.COMMAND;
    private boolean busy;
    private boolean closing;
    private boolean closeOwed;
    private boolean greeted;
    private ScheduledFuture<?> idlePolls;
    private ScheduledFuture<?> idleLimit;

    ImapSessionHandler(SessionResources resources) {
        this.resources = resources;
        this.settings = resources.settings();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        protocol =
                new ImapProtocol(
                        settings,
                        resources.listener(),
                        "imap-" + SessionIds.next(),
                        ClientAddress.text(remote.getAddress()),
                        remote.getAddress().isLoopbackAddress(),
                        resources.tls() != null && !resources.implicitTls(),
                        null);
        framer = new CommandFramer(settings, protocol::authenticated);
        output = new ChannelOutput(ctx.channel());
        timeout = new ClientTimeout(ctx.channel().eventLoop(), this::timedOut);
        timeout.restart(settings.loginTimeout());
        // RFC 8314 section 3.3: on implicit TLS the greeting is the first thing sent inside TLS.
        if (!resources.implicitTls()) {
            greet();
        }
        ctx.fireChannelActive();
    }

    private void greet() {
        greeted = true;
        writeLine(protocol.greeting());
        ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || closing || protocol == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pending =
                pending == null
                        ? bytes
                        : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(
                                ctx.alloc(), pending, bytes);
        if (!busy) {
            timeout.restart(currentTimeout());
        }
        drain();
    }

    private Duration currentTimeout() {
        return protocol.authenticated() ? settings.sessionTimeout() : settings.loginTimeout();
    }

    /** Frames and starts commands until input runs out, a command runs, or output backs up. */
    private void drain() {
        while (!busy && !closing && pending != null && pending.isReadable()) {
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
                break;
            }
            Frame frame = framer.next(pending);
            if (frame == null) {
                break;
            }
            if (frame instanceof Frame.Continue) {
                writeLine("+ Ready for literal data");
            } else if (frame instanceof Frame.Refused refused) {
                writeLine(refused.line());
                if (refused.close()) {
                    close();
                } else if (protocol.countError()) {
                    writeLine("* BYE Too many errors");
                    close();
                }
            } else if (frame instanceof Frame.Command command) {
                dispatch(command.command());
            }
        }
        if (pending != null && !pending.isReadable()) {
            pending.release();
            pending = null;
        }
        if (!closing) {
            ctx.flush();
        }
    }

    private void dispatch(RawCommand command) {
        switch (mode) {
            case COMMAND -> run(out -> protocol.execute(command, out), false);
            case AUTH -> {
                mode = Mode.COMMAND;
                String line = command.lines().get(0);
                command.discard();
                run(out -> protocol.continueAuthentication(line, out), false);
            }
            case IDLE -> {
                stopIdle();
                mode = Mode.COMMAND;
                String line = command.lines().get(0);
                command.discard();
                run(out -> protocol.endIdle(line, out), false);
            }
        }
    }

    /** Runs {@code work} on the executor; its outcome comes back to the event loop. */
    private void run(Function<ChannelOutput, Next> work, boolean poll) {
        busy = true;
        if (!poll) {
            timeout.suspend();
        }
        ctx.channel().config().setAutoRead(false);
        Task task = new Task(work, poll);
        try {
            resources.executor().execute(task);
        } catch (RuntimeException e) {
            task.rejected(e);
        }
    }

    /** One command (or IDLE poll) on a worker thread. */
    private final class Task implements RejectableTask {
        private final Function<ChannelOutput, Next> work;
        private final boolean poll;

        Task(Function<ChannelOutput, Next> work, boolean poll) {
            this.work = work;
            this.poll = poll;
        }

        @Override
        public void run() {
            Next next;
            try {
                next = work.apply(output);
                output.send();
            } catch (ResponseOutput.ClientGone e) {
                next = Next.CLOSE;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, protocol.id() + ": command failed", e);
                next = Next.CLOSE;
            }
            Next outcome = next;
            executeOnLoop(() -> finished(outcome, poll));
        }

        @Override
        public void rejected(Throwable cause) {
            LOG.warning(() -> protocol.id() + ": work rejected: " + cause);
            executeOnLoop(
                    () -> {
                        writeLine("* BYE Server busy, try again later");
                        finished(Next.CLOSE, poll);
                    });
        }
    }

    private void executeOnLoop(Runnable task) {
        try {
            ctx.channel().eventLoop().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine(() -> protocol.id() + ": event loop gone");
        }
    }

    /** On the event loop: the command is done, act on what it asked for. */
    private void finished(Next next, boolean poll) {
        busy = false;
        if (closeOwed) {
            closeOwed = false;
            tellEndpointClosed();
        }
        if (closing) {
            return;
        }
        switch (next) {
            case CLOSE -> {
                close();
                return;
            }
            case START_TLS -> startTls();
            case AUTH_CONTINUE -> {
                mode = Mode.AUTH;
                writeLine("+ ");
            }
            case IDLE -> {
                if (mode != Mode.IDLE) {
                    startIdle();
                }
            }
            case READ -> {
                // the next command
            }
        }
        if (!poll) {
            timeout.restart(currentTimeout());
        }
        ctx.channel().config().setAutoRead(true);
        drain();
    }

    /**
     * RFC 3501 section 6.2.1: the tagged OK goes out in clear, then only TLS. CVE-2011-0411: input
     * the client pipelined after STARTTLS is dropped, never executed.
     */
    private void startTls() {
        if (pending != null) {
            pending.skipBytes(pending.readableBytes());
        }
        framer.discard();
        SslHandler tls = new SslHandler(resources.tls().newEngine(ctx.alloc()), true);
        ctx.pipeline().addFirst("tls", tls);
        writeLine(protocol.startTlsReply());
    }

    /** RFC 2177: poll the folder until DONE, at most {@code idleLimit}. */
    private void startIdle() {
        mode = Mode.IDLE;
        long every = settings.idlePoll().toMillis();
        idlePolls =
                ctx.channel()
                        .eventLoop()
                        .scheduleAtFixedRate(this::idlePoll, every, every, TimeUnit.MILLISECONDS);
        idleLimit =
                ctx.channel()
                        .eventLoop()
                        .schedule(
                                this::idleTooLong,
                                settings.idleLimit().toMillis(),
                                TimeUnit.MILLISECONDS);
    }

    private void idlePoll() {
        if (busy || closing || mode != Mode.IDLE) {
            return;
        }
        run(
                out -> {
                    protocol.idlePoll(out);
                    return Next.IDLE;
                },
                true);
    }

    private void idleTooLong() {
        if (closing || mode != Mode.IDLE) {
            return;
        }
        LOG.info(() -> protocol.id() + ": IDLE over its limit");
        stopIdle();
        writeLine("* BYE IDLE too long, reconnect");
        close();
    }

    private void stopIdle() {
        if (idlePolls != null) {
            idlePolls.cancel(false);
            idlePolls = null;
        }
        if (idleLimit != null) {
            idleLimit.cancel(false);
            idleLimit = null;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable() && !busy && !closing && protocol != null) {
            context.channel().config().setAutoRead(true);
            drain();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && protocol != null) {
            if (done.isSuccess()) {
                protocol.tlsStarted(
                        ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                if (!greeted && !closing) {
                    greet();
                }
            } else {
                LOG.info(
                        () ->
                                protocol.id()
                                        + ": TLS handshake failed: "
                                        + done.cause().getMessage());
                ctx.close();
            }
        }
        context.fireUserEventTriggered(event);
    }

    private void timedOut() {
        if (closing) {
            return;
        }
        LOG.info(() -> protocol.id() + ": autologout");
        writeLine("* BYE Autologout; idle for too long");
        close();
    }

    private void writeLine(String line) {
        ctx.write(ByteBufUtil.writeAscii(ctx.alloc(), line + "\r\n"));
    }

    /**
     * Sends what was written, then closes. The connection's slot is freed before the flush, so a
     * client that reconnects on reading the last line finds it free.
     */
    private void close() {
        ConnectionLimiter.releaseEarly(ctx.channel());
        closing = true;
        timeout.cancel();
        stopIdle();
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closing = true;
        if (protocol != null) {
            timeout.cancel();
            stopIdle();
            framer.discard();
            LOG.fine(() -> protocol.id() + ": disconnected");
            if (busy) {
                closeOwed = true;
            } else {
                tellEndpointClosed();
            }
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
        context.fireChannelInactive();
    }

    /** Tells the endpoint once, off the event loop, after any command still running. */
    private void tellEndpointClosed() {
        if (!protocol.authenticated()) {
            return;
        }
        try {
            resources.executor().execute(protocol::closed);
        } catch (RuntimeException e) {
            LOG.fine(() -> protocol.id() + ": close not told: " + e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        String id = protocol == null ? "-" : protocol.id();
        if (cause instanceof IOException
                || cause.getCause() instanceof javax.net.ssl.SSLException) {
            LOG.fine(() -> id + ": " + cause);
        } else {
            LOG.log(Level.WARNING, id + ": unexpected failure", cause);
        }
        context.close();
    }
}
