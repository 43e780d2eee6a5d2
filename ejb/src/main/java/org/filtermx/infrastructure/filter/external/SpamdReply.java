package org.filtermx.infrastructure.filter.external;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spamd's answer to {@code SYMBOLS} (SpamAssassin's spamd/PROTOCOL): a status line {@code SPAMD/1.1
 * 0 EX_OK}, a {@code Spam: True ; 15.3 / 5.0} header, and the names of the rules that hit,
 * separated by commas.
 */
record SpamdReply(double score, double threshold, List<String> rules) {

    /** Longest reply read; a rule list is a few hundred bytes. */
    static final int LIMIT = 64 * 1024;

    private static final Pattern STATUS = Pattern.compile("SPAMD/\\d+\\.\\d+ +(\\d+) *(.*)");
    private static final Pattern SPAM =
            Pattern.compile(
                    "(?i)(true|false|yes|no) *; *(-?\\d+(?:\\.\\d+)?) */ *(-?\\d+(?:\\.\\d+)?)");

    SpamdReply {
        rules = List.copyOf(rules);
    }

    /** Reads and checks one reply; a failure status or a malformed reply is a protocol error. */
    static SpamdReply read(InputStream in) throws IOException {
        String[] headAndBody =
                split(new String(BoundedRead.toEnd(in, LIMIT), StandardCharsets.UTF_8));
        String[] head = headAndBody[0].split("\r?\n");
        Matcher status = STATUS.matcher(head[0]);
        if (!status.matches()) {
            throw new ProtocolException("unexpected reply: " + head[0]);
        }
        if (!status.group(1).equals("0")) {
            throw new ProtocolException("error " + status.group(1) + " " + status.group(2));
        }
        Matcher spam = null;
        String body = headAndBody[1];
        for (String header : Arrays.asList(head).subList(1, head.length)) {
            int colon = header.indexOf(':');
            String name = colon > 0 ? header.substring(0, colon).strip() : "";
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Spam")) {
                spam = SPAM.matcher(value);
            } else if (name.equalsIgnoreCase("Content-length")
                    && !value.equals(String.valueOf(length(body)))) {
                throw new ProtocolException(
                        "reply body of " + length(body) + " bytes, announced " + value);
            }
        }
        if (spam == null || !spam.matches()) {
            throw new ProtocolException("reply without a valid Spam header: " + headAndBody[0]);
        }
        return new SpamdReply(
                Double.parseDouble(spam.group(2)), Double.parseDouble(spam.group(3)), rules(body));
    }

    /**
     * Head and body; spamd closes the connection after the body, so a reply that ends before the
     * blank line was cut off.
     */
    private static String[] split(String reply) throws ProtocolException {
        int blank = reply.indexOf("\r\n\r\n");
        int separator = 4;
        if (blank < 0) {
            blank = reply.indexOf("\n\n");
            separator = 2;
        }
        if (blank < 0) {
            throw new ProtocolException(
                    reply.isEmpty() ? "connection closed without a reply" : "truncated reply");
        }
        return new String[] {reply.substring(0, blank), reply.substring(blank + separator)};
    }

    private static int length(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> rules(String body) {
        return Arrays.stream(body.split(","))
                .map(String::strip)
                .filter(rule -> !rule.isEmpty())
                .toList();
    }

    /** {@code 15.3} in the form spamd itself prints. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
