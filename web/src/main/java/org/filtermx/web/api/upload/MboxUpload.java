package org.filtermx.web.api.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An mbox (RFC 4155): each message starts at a line beginning {@code "From "}, which is not part of
 * it. Lines that begin with one or more {@code >} and then {@code "From "} lose one {@code >}
 * (mboxrd quoting, which also undoes the older mboxo quoting of body lines starting "From "); the
 * empty line writers put before each separator is taken off. Line endings are kept as they come (LF
 * or CRLF): training normalizes them. The first line must be a separator, or the body is not an
 * mbox at all.
 */
final class MboxUpload implements MessageUpload {

    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    /** Quote marks looked at before a line is taken as plain text. */
    private static final int MAX_QUOTES = ByteSource.LOOKAHEAD - FROM.length;

    private final ByteSource in;
    private final long maxMessage;
    private boolean started;
    private int index;

    MboxUpload(ByteSource in, long maxMessage) {
        this.in = in;
        this.maxMessage = maxMessage;
    }

    @Override
    public UploadedMessage next() throws IOException, MalformedUpload {
        if (!started) {
            skipEmptyLines();
            if (in.atEnd()) {
                return null;
            }
            if (!in.startsWith(0, FROM)) {
                throw new MalformedUpload(
                        "not an mbox: the first line must be a \"From \" line (RFC 4155)");
            }
            started = true;
        }
        if (in.atEnd()) {
            return null;
        }
        in.copyLine(null);
        MessageBuffer message = new MessageBuffer(maxMessage);
        while (!in.atEnd()) {
            int quotes = 0;
            while (quotes < MAX_QUOTES && in.peek(quotes) == '>') {
                quotes++;
            }
            if (quotes == 0 && in.startsWith(0, FROM)) {
                break;
            }
            if (quotes > 0 && in.startsWith(quotes, FROM)) {
                in.skip(1);
            }
            in.copyLine(message);
        }
        int at = index++;
        if (message.oversized()) {
            return UploadedMessage.skipped(
                    at, "larger than the message size limit of " + maxMessage + " bytes");
        }
        if (message.endsWithBlankLine()) {
            message.dropLineBreak();
        }
        if (message.blank()) {
            return UploadedMessage.skipped(at, "empty message");
        }
        return UploadedMessage.of(at, message.toByteArray());
    }

    private void skipEmptyLines() throws IOException {
        while (true) {
            if (in.peek(0) == '\n') {
                in.skip(1);
            } else if (in.peek(0) == '\r' && in.peek(1) == '\n') {
                in.skip(2);
            } else {
                return;
            }
        }
    }
}
