package org.filtermx.infrastructure.filter.external;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * An HTTP/1.1 response from an rspamd worker, read to the end of the connection: the status, its
 * reason phrase (where rspamd's controller explains a declined learn) and the body.
 */
record RspamdResponse(int status, String reason, byte[] body) {

    /** Longest reply kept: a check with hundreds of symbols is a few dozen kilobytes. */
    static final int LIMIT = 1024 * 1024;

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};

    static RspamdResponse read(InputStream in) throws IOException {
        byte[] reply = BoundedRead.toEnd(in, LIMIT);
        int blank = indexOf(reply, BLANK_LINE);
        if (blank < 0) {
            throw new ProtocolException(
                    reply.length == 0 ? "connection closed without a reply" : "truncated reply");
        }
        String[] head = new String(reply, 0, blank, StandardCharsets.ISO_8859_1).split("\r\n");
        Matcher status = STATUS.matcher(head[0]);
        if (!status.matches()) {
            throw new ProtocolException("not an HTTP reply: " + head[0]);
        }
        byte[] body = Arrays.copyOfRange(reply, blank + BLANK_LINE.length, reply.length);
        for (String header : Arrays.asList(head).subList(1, head.length)) {
            checkFraming(header, body.length);
        }
        String reason = status.group(2) == null ? "" : status.group(2).strip();
        return new RspamdResponse(Integer.parseInt(status.group(1)), reason, body);
    }

    /** rspamd closes after each reply and sends its length; a shorter body was cut off. */
    private static void checkFraming(String header, int received) throws ProtocolException {
        int colon = header.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = LowerCase.of(header.substring(0, colon).strip());
        String value = header.substring(colon + 1).strip();
        if (name.equals("content-length") && !value.equals(String.valueOf(received))) {
            throw new ProtocolException("reply body of " + received + " bytes, announced " + value);
        }
        if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("identity")) {
            throw new ProtocolException("unsupported Transfer-Encoding " + value);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** rspamd's explanation of a failed or declined request: its JSON error, else the phrase. */
    String explanation() {
        String error = RspamdReply.error(body);
        return error.isEmpty() ? reason : error;
    }
}
