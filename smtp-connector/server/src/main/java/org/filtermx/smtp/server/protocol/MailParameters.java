package org.filtermx.smtp.server.protocol;

import java.util.Locale;
import org.filtermx.smtp.api.Reply;

/**
 * The ESMTP parameters of MAIL FROM this server supports: SIZE (RFC 1870) and BODY (RFC 6152).
 *
 * @param declaredSize the SIZE value, or -1 when absent
 * @param bodyType {@code 7BIT} or {@code 8BITMIME}
 */
public record MailParameters(long declaredSize, String bodyType) {

    static final MailParameters NONE = new MailParameters(-1, "7BIT");

    /**
     * Parses the text after the path: space-separated {@code keyword[=value]} pairs (RFC 5321
     * section 4.1.2, Mail-parameters).
     *
     * @throws ParameterException with the reply to give when a parameter is malformed or unknown
     */
    static MailParameters parse(String text) throws ParameterException {
        long size = -1;
        String body = "7BIT";
        for (String token : text.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String keyword = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : token.substring(eq + 1);
            switch (keyword) {
                case "SIZE" -> size = parseSize(value);
                case "BODY" -> body = parseBody(value);
                default -> throw new ParameterException(SmtpReplies.unsupportedParameter(keyword));
            }
        }
        return new MailParameters(size, body);
    }

    /** RFC 1870 section 3: size-value = 1*20DIGIT. */
    private static long parseSize(String value) throws ParameterException {
        if (value == null
                || value.isEmpty()
                || value.length() > 20
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ParameterException(SmtpReplies.BAD_PARAMETER);
        }
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }

    private static String parseBody(String value) throws ParameterException {
        String upper = value == null ? "" : value.toUpperCase(Locale.ROOT);
        if (!upper.equals("7BIT") && !upper.equals("8BITMIME")) {
            throw new ParameterException(SmtpReplies.BAD_PARAMETER);
        }
        return upper;
    }

    /** A parameter the server refuses, with the reply that says why. */
    static final class ParameterException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        ParameterException(Reply reply) {
            super(reply.line(), null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }
}
