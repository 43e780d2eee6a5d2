package org.filtermx.web.api.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A {@code multipart/mixed} body (RFC 2046 section 5.1.1), each body part one message: the part's
 * own header fields (only {@code Content-Type} and {@code Content-Transfer-Encoding} are looked
 * at), an empty line, then the raw message. A part without a {@code Content-Type} is taken as
 * {@code message/rfc822}, as in a digest (section 5.1.5); a part of another type, or encoded
 * otherwise than 7bit, 8bit or binary (section 5.2.1), is left out. The preamble and epilogue are
 * ignored. A body without a first delimiter line, or that ends before the close delimiter, is
 * malformed.
 */
final class MultipartUpload implements MessageUpload {

    /** The most bytes of header fields a part may have before its message. */
    static final int MAX_PART_HEADER = 16 * 1024;

    /** Spaces and tabs allowed after a delimiter (RFC 2046's transport padding). */
    private static final int MAX_PADDING = 64;

    private final ByteSource in;
    private final byte[] delimiter;
    private final long maxMessage;
    private boolean started;
    private boolean closed;
    private int index;

    MultipartUpload(ByteSource in, String boundary, long maxMessage) {
        this.in = in;
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.maxMessage = maxMessage;
    }

    /**
     * Whether {@code boundary} is one RFC 2046 allows: 1 to 70 characters of its set, not ending in
     * a space.
     */
    static boolean validBoundary(String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean allowed =
                    (c >= '0' && c <= '9')
                            || (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return boundary.charAt(boundary.length() - 1) != ' ';
    }

    @Override
    public UploadedMessage next() throws IOException, MalformedUpload {
        if (!started) {
            while (delimiterAhead() == 0) {
                if (in.copyLine(null) == 0) {
                    throw new MalformedUpload(
                            "no part: the body has no delimiter line \"--\" + boundary"
                                    + " (RFC 2046 section 5.1.1)");
                }
            }
            started = true;
            passDelimiter();
        }
        if (closed) {
            return null;
        }
        int at = index++;
        MessageBuffer header = new MessageBuffer(MAX_PART_HEADER);
        while (true) {
            if (delimiterAhead() != 0) {
                passDelimiter();
                return UploadedMessage.skipped(at, "empty part");
            }
            if (in.peek(0) == '\n' || (in.peek(0) == '\r' && in.peek(1) == '\n')) {
                in.copyLine(null);
                break;
            }
            if (in.copyLine(header) == 0) {
                throw cutOff(at);
            }
        }
        MessageBuffer message = new MessageBuffer(maxMessage);
        while (delimiterAhead() == 0) {
            if (in.copyLine(message) == 0) {
                throw cutOff(at);
            }
        }
        passDelimiter();
        // The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
        message.dropLineBreak();
        String unfit = header.oversized() ? "the part's header is too large" : unfit(header);
        if (unfit != null) {
            return UploadedMessage.skipped(at, unfit);
        }
        if (message.oversized()) {
            return UploadedMessage.skipped(
                    at, "larger than the message size limit of " + maxMessage + " bytes");
        }
        if (message.blank()) {
            return UploadedMessage.skipped(at, "empty part");
        }
        return UploadedMessage.of(at, message.toByteArray());
    }

    private static MalformedUpload cutOff(int part) {
        return new MalformedUpload(
                "the body ends inside part "
                        + part
                        + ": no close delimiter \"--\" + boundary + \"--\" (RFC 2046 section 5.1.1)");
    }

    /**
     * 1 when a delimiter line is next, 2 when the close delimiter is, 0 otherwise: the boundary at
     * the start of the line followed by "--", or by padding and the line's end.
     */
    private int delimiterAhead() throws IOException {
        if (!in.startsWith(0, delimiter)) {
            return 0;
        }
        int at = delimiter.length;
        if (in.peek(at) == '-' && in.peek(at + 1) == '-') {
            return 2;
        }
        int padding = 0;
        while (padding < MAX_PADDING && (in.peek(at) == ' ' || in.peek(at) == '\t')) {
            at++;
            padding++;
        }
        int next = in.peek(at);
        return next == '\n' || next == -1 || (next == '\r' && in.peek(at + 1) == '\n') ? 1 : 0;
    }

    private void passDelimiter() throws IOException {
        if (delimiterAhead() == 2) {
            closed = true;
        }
        in.copyLine(null);
    }

    /** Why a part with these header fields holds no message to train, or null when it does. */
    private static String unfit(MessageBuffer header) {
        String fields = new String(header.toByteArray(), StandardCharsets.ISO_8859_1);
        String type = field(fields, "content-type");
        if (type != null) {
            int semicolon = type.indexOf(';');
            String media =
                    LowerCase.of((semicolon < 0 ? type : type.substring(0, semicolon)).strip());
            if (!media.equals("message/rfc822")) {
                return "the part is " + media + ", not message/rfc822";
            }
        }
        String encoding = field(fields, "content-transfer-encoding");
        if (encoding != null) {
            String e = LowerCase.of(encoding.strip());
            if (!e.equals("7bit") && !e.equals("8bit") && !e.equals("binary")) {
                return "a message/rfc822 part must not be encoded as "
                        + e
                        + " (RFC 2046 section 5.2.1)";
            }
        }
        return null;
    }

    /** The unfolded value of the first header field named {@code name}, or null. */
    private static String field(String fields, String name) {
        int start = 0;
        while (start < fields.length()) {
            int end = fields.indexOf('\n', start);
            if (end < 0) {
                end = fields.length();
            }
            String line = fields.substring(start, end);
            if (line.length() > name.length()
                    && line.charAt(name.length()) == ':'
                    && line.regionMatches(true, 0, name, 0, name.length())) {
                StringBuilder value = new StringBuilder(line.substring(name.length() + 1));
                int next = end + 1;
                while (next < fields.length()
                        && (fields.charAt(next) == ' ' || fields.charAt(next) == '\t')) {
                    int nextEnd = fields.indexOf('\n', next);
                    if (nextEnd < 0) {
                        nextEnd = fields.length();
                    }
                    value.append(' ').append(fields, next, nextEnd);
                    next = nextEnd + 1;
                }
                return value.toString().replace("\r", "").strip();
            }
            start = end + 1;
        }
        return null;
    }
}
