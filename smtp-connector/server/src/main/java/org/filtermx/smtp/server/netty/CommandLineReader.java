package org.filtermx.smtp.server.netty;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.filtermx.smtp.server.protocol.SmtpReplies;

/**
 * Frames command lines out of received bytes. Lines end with CRLF only (RFC 5321 section 2.3.8): a
 * bare CR or LF refuses the line. A line over the limit is refused without being buffered: its
 * bytes are dropped up to the next LF (Postfix {@code line_length_limit}).
 */
final class CommandLineReader {

    private static final CommandLine TOO_LONG = new CommandLine(null, SmtpReplies.LINE_TOO_LONG);
    private static final CommandLine BARE = new CommandLine(null, SmtpReplies.BARE_LINE_ENDING);

    private final int lineLengthLimit;
    private boolean discarding;

    CommandLineReader(int lineLengthLimit) {
        this.lineLengthLimit = lineLengthLimit;
    }

    /** The next complete line in {@code in}, or {@code null} when more bytes are needed. */
    CommandLine next(ByteBuf in) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            // The limit counts the text; one more byte may be the CR of the coming CRLF.
            if (in.readableBytes() > lineLengthLimit + 1) {
                discarding = true;
                in.skipBytes(in.readableBytes());
            }
            return null;
        }
        in.readerIndex(lf + 1);
        if (discarding) {
            discarding = false;
            return TOO_LONG;
        }
        if (lf == start || in.getByte(lf - 1) != '\r') {
            return BARE;
        }
        int length = lf - 1 - start;
        if (length > lineLengthLimit) {
            return TOO_LONG;
        }
        String text = in.toString(start, length, StandardCharsets.ISO_8859_1);
        return text.indexOf('\r') >= 0 ? BARE : new CommandLine(text, null);
    }
}
