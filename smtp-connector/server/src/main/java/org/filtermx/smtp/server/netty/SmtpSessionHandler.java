package org.filtermx.smtp.server.netty;

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
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.filtermx.smtp.server.data.IncomingMessage;
import org.filtermx.smtp.server.protocol.SmtpProtocol;
import org.filtermx.smtp.server.protocol.SmtpReplies;
import org.filtermx.smtp.server.protocol.Step;

/**
 * Carries one SMTP session over one channel: frames input into command lines or message content,
 * feeds the state machine, and runs endpoint calls off the event loop.
 *
 * <p>Pipelined input (RFC 2920) is processed strictly in order: while an endpoint call is pending,
 * reading stops and buffered input waits; replies written meanwhile are flushed together at the end
 * of each pass.
 *
 * <p>On the submission role the endpoint also decides each MAIL FROM and AUTH, and is told once
 * when the connection closes; the inbound role makes no endpoint call before RCPT.
 */
final class SmtpSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpSessionHandler.class.getName());

    private final SessionResources resources;
    private final SmtpServerSettings settings;
    private final MessageReceiver receiver;
    private ChannelHandlerContext ctx;
    private SmtpProtocol protocol;
    private CommandLineReader lines;
    private ClientTimeout timeout;
    private ByteBuf pending;
    private boolean busy;
    private boolean closing;
    private boolean closeOwed;
    private boolean greeted;
    private long connectedAt;

    SmtpSessionHandler(SessionResources resources) {
        this.resources = resources;
        this.settings = resources.settings();
        this.receiver = new MessageReceiver(settings);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        connectedAt = System.nanoTime();
        String client =
                ClientAddress.text(
                        ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        protocol =
                new SmtpProtocol(
                        settings,
                        resources.role(),
                        SessionIds.next(),
                        client,
                        resources.tls() != null,
                        resources.storage()::usableSpace);
        lines = new CommandLineReader(settings.lineLengthLimit());
        timeout = new ClientTimeout(ctx.channel().eventLoop(), this::timedOut);
        timeout.restart(settings.commandTimeout());
        // RFC 8314 section 3.3: on implicit TLS the greeting is the first thing sent inside TLS.
        if (!resources.implicitTls()) {
            greet();
        }
        ctx.fireChannelActive();
    }

    private void greet() {
        greeted = true;
        write(protocol.greeting());
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
        timeout.restart(receiver.active() ? settings.dataTimeout() : settings.commandTimeout());
        drain();
    }

    /**
     * Processes buffered input until it runs out, an endpoint call must be awaited, or the client
     * stops reading its replies (then reading stops too, so the output buffer stays bounded).
     */
    private void drain() {
        while (!busy && !closing && pending != null && pending.isReadable()) {
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
                break;
            }
            if (receiver.active()) {
                receiver.read(pending);
                if (receiver.finished()) {
                    contentReceived();
                }
            } else {
                CommandLine line = lines.next(pending);
                if (line == null) {
                    break;
                }
                if (line.problem() != null) {
                    protocol.lineRefused();
                    reply(line.problem());
                } else {
                    perform(protocol.handle(line.text()));
                }
            }
        }
        if (pending != null && !pending.isReadable()) {
            pending.release();
            pending = null;
        }
        ctx.flush();
    }

    private void perform(Step step) {
        if (step instanceof Step.Respond r) {
            reply(r.reply());
        } else if (step instanceof Step.RespondLines r) {
            writeLines(r.lines());
        } else if (step instanceof Step.Close c) {
            replyAndClose(c.reply());
        } else if (step instanceof Step.AskRecipient a) {
            askRecipient(a);
        } else if (step instanceof Step.AskSender a) {
            askSender(a);
        } else if (step instanceof Step.Authenticate a) {
            authenticate(a);
        } else if (step instanceof Step.StartData d) {
            startData(d.reply());
        } else if (step instanceof Step.StartTls t) {
            startTls(t.reply());
        }
    }

    private void askRecipient(Step.AskRecipient ask) {
        SmtpSession session = protocol.session();
        awaitEndpoint();
        new EndpointCall<>(
                        ctx.channel().eventLoop(),
                        session.id() + ": RCPT",
                        () ->
                                resources
                                        .invoker()
                                        .onRecipient(session, ask.reversePath(), ask.recipient()),
                        RecipientDecision.refuse(Reply.TEMPORARY_FAILURE),
                        decision -> {
                            endpointAnswered();
                            reply(protocol.recipientDecided(decision));
                            drain();
                        })
                .submit(resources.executor());
    }

    private void askSender(Step.AskSender ask) {
        SmtpSession session = protocol.session();
        awaitEndpoint();
        new EndpointCall<>(
                        ctx.channel().eventLoop(),
                        session.id() + ": MAIL",
                        () -> resources.invoker().onSender(session, ask.reversePath()),
                        Reply.TEMPORARY_FAILURE,
                        answer -> {
                            endpointAnswered();
                            reply(protocol.senderDecided(answer));
                            drain();
                        })
                .submit(resources.executor());
    }

    /** The credentials go to the endpoint; only the username and the outcome are logged. */
    private void authenticate(Step.Authenticate credentials) {
        SmtpSession session = protocol.session();
        awaitEndpoint();
        new EndpointCall<>(
                        ctx.channel().eventLoop(),
                        session.id() + ": AUTH",
                        () ->
                                resources
                                        .invoker()
                                        .onAuthenticate(
                                                session,
                                                credentials.username(),
                                                credentials.password()),
                        AuthDecision.temporaryFailure("Temporary authentication failure"),
                        decision -> {
                            endpointAnswered();
                            LOG.info(
                                    () ->
                                            session.id()
                                                    + ": AUTH from "
                                                    + session.clientAddress()
                                                    + " as <"
                                                    + credentials.username()
                                                    + ">: "
                                                    + decision.reply().line());
                            reply(protocol.authenticationDecided(decision));
                            drain();
                        })
                .submit(resources.executor());
    }

    private void startData(Reply goAhead) {
        try {
            receiver.begin(protocol.sessionId());
        } catch (IOException e) {
            LOG.warning(() -> protocol.sessionId() + ": cannot create temp file: " + e);
            protocol.transactionEnded();
            reply(Reply.TEMPORARY_FAILURE);
            return;
        }
        write(goAhead);
        timeout.restart(settings.dataTimeout());
    }

    /** End of DATA: refuse what broke a rule, otherwise hand the message to the endpoint. */
    private void contentReceived() {
        Envelope envelope = protocol.envelope(Instant.now());
        Reply refusal = receiver.refusal();
        if (refusal != null) {
            logTransaction(envelope, receiver.size(), refusal);
            receiver.discard();
            protocol.transactionEnded();
            reply(refusal);
            return;
        }
        SmtpSession session = protocol.session();
        IncomingMessage message = receiver.take();
        awaitEndpoint();
        new EndpointCall<>(
                        ctx.channel().eventLoop(),
                        envelope.transactionId() + ": DATA",
                        () -> {
                            try {
                                return resources
                                        .invoker()
                                        .onMessage(session, envelope, message.file());
                            } finally {
                                message.close();
                            }
                        },
                        Reply.TEMPORARY_FAILURE,
                        answer -> {
                            message.close();
                            logTransaction(envelope, message.size(), answer);
                            endpointAnswered();
                            protocol.transactionEnded();
                            reply(answer);
                            drain();
                        })
                .submit(resources.executor());
    }

    /** RFC 3207: reply in clear, then everything the client sends must be TLS. */
    private void startTls(Reply ready) {
        // CVE-2011-0411: input the client pipelined after STARTTLS is dropped, never executed.
        if (pending != null) {
            pending.skipBytes(pending.readableBytes());
        }
        SslHandler tls = new SslHandler(resources.tls().newEngine(ctx.alloc()), true);
        ctx.pipeline().addFirst("tls", tls);
        write(ready);
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
        // A connection refused over a limit never starts a session (the limiter keeps its
        // channelActive); on the implicit TLS listener its handshake still completes, to carry the
        // 421.
        if (event instanceof SslHandshakeCompletionEvent done && protocol != null) {
            if (done.isSuccess()) {
                SSLSession tls = ctx.pipeline().get(SslHandler.class).engine().getSession();
                protocol.tlsStarted(tls.getProtocol(), tls.getCipherSuite());
                if (!greeted && !closing) {
                    greet();
                }
            } else {
                LOG.info(
                        () ->
                                protocol.sessionId()
                                        + ": TLS handshake failed: "
                                        + done.cause().getMessage());
                ctx.close();
            }
        }
        context.fireUserEventTriggered(event);
    }

    private void awaitEndpoint() {
        busy = true;
        timeout.suspend();
        ctx.channel().config().setAutoRead(false);
    }

    private void endpointAnswered() {
        busy = false;
        if (closeOwed) {
            // The connection closed while this call ran: the endpoint hears of it only now, after
            // the call, so that it never sees the close of a session it is still deciding for.
            closeOwed = false;
            tellEndpointClosed();
        }
        if (!closing) {
            timeout.restart(settings.commandTimeout());
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void timedOut() {
        if (closing) {
            return;
        }
        LOG.info(
                () ->
                        protocol.sessionId()
                                + ": timeout after "
                                + (receiver.active() ? "DATA" : "command"));
        receiver.discard();
        replyAndClose(SmtpReplies.timeout(settings.serverName()));
    }

    private void reply(Reply reply) {
        write(reply);
        if (protocol.countReply(reply) && !closing) {
            LOG.info(() -> protocol.sessionId() + ": too many errors");
            replyAndClose(SmtpReplies.tooManyErrors(settings.serverName()));
        }
    }

    private void replyAndClose(Reply reply) {
        ConnectionLimiter.releaseEarly(ctx.channel());
        write(reply);
        closing = true;
        timeout.cancel();
        ctx.flush();
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }

    private void write(Reply reply) {
        ctx.write(ByteBufUtil.writeAscii(ctx.alloc(), reply.line() + "\r\n"));
    }

    /** RFC 5321 section 4.2.1: every line but the last has a hyphen after the code. */
    private void writeLines(List<String> texts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            out.append("250").append(i < texts.size() - 1 ? '-' : ' ').append(texts.get(i));
            out.append("\r\n");
        }
        ctx.write(ByteBufUtil.writeAscii(ctx.alloc(), out));
    }

    private void logTransaction(Envelope envelope, long size, Reply reply) {
        if (resources.role() == Role.REHEARSAL) {
            return; // the warm-up's own mail: its summary line is the adapter's
        }
        // Concatenated, not formatted: one line per message, every message.
        LOG.info(
                () ->
                        envelope.transactionId()
                                + ": from=<"
                                + envelope.reversePath()
                                + "> nrcpt="
                                + envelope.recipients().size()
                                + " size="
                                + size
                                + ": "
                                + reply.line());
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closing = true;
        if (protocol != null) {
            timeout.cancel();
            // A client gone mid-DATA leaves nothing behind and reaches no endpoint.
            receiver.discard();
            LOG.info(
                    () ->
                            String.format(
                                    "%s: disconnect from %s after %d ms, %d transaction(s)",
                                    protocol.sessionId(),
                                    protocol.session().clientAddress(),
                                    (System.nanoTime() - connectedAt) / 1_000_000,
                                    protocol.transactionCount()));
            if (resources.role() == Role.SUBMISSION) {
                if (busy) {
                    closeOwed = true;
                } else {
                    tellEndpointClosed();
                }
            }
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
        context.fireChannelInactive();
    }

    /** Tells the endpoint once, off the event loop, that the connection is gone. */
    private void tellEndpointClosed() {
        SmtpSession session = protocol.session();
        new EndpointCall<>(
                        ctx.channel().eventLoop(),
                        session.id() + ": close",
                        () -> {
                            resources.invoker().onClose(session);
                            return Boolean.TRUE;
                        },
                        Boolean.FALSE,
                        done -> {})
                .submit(resources.executor());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        String id = protocol == null ? "-" : protocol.sessionId();
        if (cause instanceof IOException
                || cause.getCause() instanceof javax.net.ssl.SSLException) {
            LOG.fine(() -> id + ": " + cause);
        } else {
            LOG.log(Level.WARNING, id + ": unexpected failure", cause);
        }
        context.close();
    }
}
