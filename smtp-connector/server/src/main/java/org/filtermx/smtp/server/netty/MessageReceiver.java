package org.filtermx.smtp.server.netty;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.filtermx.smtp.server.data.IncomingMessage;
import org.filtermx.smtp.server.protocol.SmtpReplies;

/**
 * Moves message content from Netty buffers into the current transaction's {@link IncomingMessage},
 * and turns its outcome into the reply that refuses it, if any.
 */
final class MessageReceiver {

    private static final int CHUNK = 16 * 1024;

    private final SmtpServerSettings settings;
    private IncomingMessage message;
    private byte[] chunk;

    MessageReceiver(SmtpServerSettings settings) {
        this.settings = settings;
    }

    void begin(String sessionId) throws IOException {
        message =
                IncomingMessage.create(
                        settings.tempDirectory(),
                        sessionId,
                        settings.messageSizeLimit(),
                        settings.headerSizeLimit());
    }

    /** Whether content is being received (from the 354 to the end of data). */
    boolean active() {
        return message != null;
    }

    /** Consumes content from {@code in}, leaving whatever follows the end of data. */
    void read(ByteBuf in) {
        int readable = in.readableBytes();
        int consumed;
        if (in.hasArray()) {
            consumed = message.feed(in.array(), in.arrayOffset() + in.readerIndex(), readable);
        } else {
            if (chunk == null) {
                chunk = new byte[CHUNK];
            }
            int length = Math.min(readable, CHUNK);
            in.getBytes(in.readerIndex(), chunk, 0, length);
            consumed = message.feed(chunk, 0, length);
        }
        in.skipBytes(consumed);
    }

    boolean finished() {
        return message != null && message.finished();
    }

    long size() {
        return message == null ? 0 : message.size();
    }

    /** The reply refusing the received content, or {@code null} when it may be delivered. */
    Reply refusal() {
        return switch (message.outcome()) {
            case COMPLETE, INCOMPLETE -> null;
            case BARE_LINE_ENDING -> SmtpReplies.BARE_LINE_ENDING_IN_DATA;
            case NUL -> SmtpReplies.NUL_IN_DATA;
            case MESSAGE_TOO_LARGE -> SmtpReplies.MESSAGE_TOO_LARGE;
            case HEADER_TOO_LARGE -> SmtpReplies.HEADER_TOO_LARGE;
            case WRITE_FAILED -> Reply.TEMPORARY_FAILURE;
        };
    }

    /** Hands the complete message over; its new owner deletes it. */
    IncomingMessage take() {
        IncomingMessage taken = message;
        message = null;
        return taken;
    }

    /** Deletes the content being received, if any. */
    void discard() {
        if (message != null) {
            message.close();
            message = null;
        }
    }
}
