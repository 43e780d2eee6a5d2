package org.filtermx.imap.server.message;

import java.util.List;
import java.util.Locale;

/**
 * One entity of the MIME tree (RFC 2045, RFC 2046): its header section and body as offsets into the
 * raw message, its content type (defaults applied, degraded to text/plain when unusable), its parts
 * when multipart, and the enclosed message when message/rfc822.
 */
final class MimePart {

    static final MimeValue DEFAULT_TEXT =
            new MimeValue("text", "plain", List.of(new MimeValue.Param("charset", "us-ascii")));
    static final MimeValue DEFAULT_MESSAGE = new MimeValue("message", "rfc822", List.of());

    private final HeaderSection header;
    private final int end;
    private final MimeValue type;
    private final List<MimePart> parts;
    private final MimePart message;

    MimePart(
            HeaderSection header, int end, MimeValue type, List<MimePart> parts, MimePart message) {
        this.header = header;
        this.end = end;
        this.type = type;
        this.parts = parts;
        this.message = message;
    }

    HeaderSection header() {
        return header;
    }

    /** Offset of the part's header section (its MIME header, or a message's header). */
    int start() {
        return header.start();
    }

    /** Offset of the body's first byte. */
    int bodyStart() {
        return header.end();
    }

    /** Offset just past the body. */
    int end() {
        return end;
    }

    MimeValue type() {
        return type;
    }

    boolean isMultipart() {
        return parts != null;
    }

    /** The parts of a multipart (never empty), else null. */
    List<MimePart> parts() {
        return parts;
    }

    /** The enclosed message of a message/rfc822 part (its root entity), else null. */
    MimePart message() {
        return message;
    }

    /** The Content-Transfer-Encoding, lower case, "7bit" when absent (RFC 2045 section 6.1). */
    String encoding() {
        return encodingOf(header);
    }

    static String encodingOf(HeaderSection header) {
        String e = header.first("content-transfer-encoding");
        if (e == null || e.isEmpty()) {
            return "7bit";
        }
        MimeValue.Scanner s = new MimeValue.Scanner(e);
        s.skipCfws();
        String token = s.token();
        return token.isEmpty() ? "7bit" : token.toLowerCase(Locale.ROOT);
    }
}
