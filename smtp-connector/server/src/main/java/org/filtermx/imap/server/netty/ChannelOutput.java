package org.filtermx.imap.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.filtermx.imap.server.protocol.ResponseOutput;

/**
 * Responses written by a command on its worker thread, collected in one buffer and handed to the
 * channel in pieces; {@link #flush()} waits until the piece is written to the socket, so a slow
 * reader slows the command down instead of filling memory.
 */
final class ChannelOutput implements ResponseOutput {

    /** Hand a piece to the channel once it is this large, and wait for it. */
    static final int PIECE = 256 * 1024;

    /** A client that takes no output for this long is dropped. */
    static final long WRITE_TIMEOUT_SECONDS = 300;

    private final Channel channel;
    private ByteBuf buffer = Unpooled.buffer(1024);

    ChannelOutput(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void line(String text) {
        text(text);
        buffer.writeByte('\r').writeByte('\n');
        if (buffer.readableBytes() > PIECE) {
            flush();
        }
    }

    @Override
    public void bytes(byte[] data) {
        buffer.writeBytes(data);
        if (buffer.readableBytes() > PIECE) {
            flush();
        }
    }

    @Override
    public void text(String text) {
        buffer.writeCharSequence(text, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void flush() {
        ChannelFuture written = send();
        if (written == null) {
            return;
        }
        if (!written.awaitUninterruptibly(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            channel.close();
            throw new ResponseOutput.ClientGone();
        }
        if (!written.isSuccess() || !channel.isActive()) {
            throw new ResponseOutput.ClientGone();
        }
    }

    /** Hands what is buffered to the channel without waiting; null when nothing was. */
    ChannelFuture send() {
        if (!buffer.isReadable()) {
            return null;
        }
        ByteBuf piece = buffer;
        buffer = Unpooled.buffer(1024);
        return channel.writeAndFlush(piece);
    }
}
