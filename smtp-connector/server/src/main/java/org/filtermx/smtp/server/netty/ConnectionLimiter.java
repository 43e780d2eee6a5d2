package org.filtermx.smtp.server.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.filtermx.smtp.server.protocol.SmtpReplies;

/**
 * Bounds concurrent connections per client address and per listener; an IPv6 client counts by its
 * /64 ({@link ClientAddress#network}). A connection over a limit gets one 421 line and is closed
 * before the session starts. A session's slot is released as soon as it has decided to close
 * ({@link #release}), before its last reply is written: a client that reads the 221 to its QUIT and
 * connects again at once must find the slot free, even when the event loop has not yet processed
 * the close of the old connection. Otherwise it is released when the connection closes.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionLimiter.class.getName());
    private static final AttributeKey<String> COUNTED = AttributeKey.valueOf("smtp.counted");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("smtp.refused");

    private final int maxPerIp;
    private final int maxTotal;
    private final String tooManyFromIp;
    private final String tooManyTotal;
    private final ConcurrentHashMap<String, Integer> perIp = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    ConnectionLimiter(int maxPerIp, int maxTotal, String serverName) {
        // The documented wording, without an enhanced status code (docs/operator-guide.md,
        // "Limits").
        this(
                maxPerIp,
                maxTotal,
                SmtpReplies.TOO_MANY_CONNECTIONS_FROM_IP,
                SmtpReplies.tooManyConnections(serverName).line());
    }

    /**
     * A limiter for another protocol (IMAP), with its own refusal lines.
     *
     * @param tooManyFromIp the line sent over the per-IP limit, without CRLF
     * @param tooManyTotal the line sent over the per-listener limit, without CRLF
     */
    public ConnectionLimiter(
            int maxPerIp, int maxTotal, String tooManyFromIp, String tooManyTotal) {
        this.maxPerIp = maxPerIp;
        this.maxTotal = maxTotal;
        this.tooManyFromIp = tooManyFromIp;
        this.tooManyTotal = tooManyTotal;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        String ip = ClientAddress.network(client);
        int fromIp = perIp.merge(ip, 1, Integer::sum);
        int all = total.incrementAndGet();
        ctx.channel().attr(COUNTED).set(ip);
        if (fromIp > maxPerIp) {
            refuse(ctx, tooManyFromIp, client, ip);
        } else if (all > maxTotal) {
            refuse(ctx, tooManyTotal, client, ip);
        } else {
            ctx.fireChannelActive();
        }
    }

    /** Logs the client's address, and the /64 it was counted in for an IPv6 client. */
    private void refuse(ChannelHandlerContext ctx, String line, InetAddress client, String ip) {
        LOG.info(
                () -> {
                    String address = ClientAddress.text(client);
                    return "refused connection from "
                            + address
                            + (address.equals(ip) ? "" : " (counted in " + ip + ")")
                            + ": "
                            + line;
                });
        ctx.channel().attr(REFUSED).set(Boolean.TRUE);
        // On the implicit TLS listener the handshake must still be read to carry the 421; what
        // the client sends after it is dropped in channelRead.
        if (ctx.pipeline().get(SslHandler.class) == null) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), line + "\r\n"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(REFUSED)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release(ctx.channel());
        ctx.fireChannelInactive();
    }

    /**
     * Frees the slot of a session that has decided to close; call it before writing the last reply.
     * Idempotent: the slot is freed once, here or when the connection closes.
     */
    public void release(Channel channel) {
        String ip = channel.attr(COUNTED).getAndSet(null);
        if (ip != null) {
            perIp.computeIfPresent(ip, (key, count) -> count <= 1 ? null : count - 1);
            total.decrementAndGet();
        }
    }

    /** Frees the slot of the session on {@code channel}, if its pipeline has a limiter. */
    public static void releaseEarly(Channel channel) {
        ConnectionLimiter limiter = channel.pipeline().get(ConnectionLimiter.class);
        if (limiter != null) {
            limiter.release(channel);
        }
    }

    /** Connections currently counted, for tests and health checks. */
    int connections() {
        return total.get();
    }
}
