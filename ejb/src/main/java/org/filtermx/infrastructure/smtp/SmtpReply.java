package org.filtermx.infrastructure.smtp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * One reply from the remote server, possibly spanning several lines (RFC 5321 section 4.2.1), kept
 * as received so it can be quoted verbatim in logs and DSNs.
 *
 * @param code the three-digit reply code shared by all lines
 * @param lines the lines as received, code and separator included, without CRLF
 */
record SmtpReply(int code, List<String> lines) {

    /** An enhanced status code right after the reply code (RFC 2034 section 4, RFC 3463). */
    private static final Pattern ENHANCED_STATUS =
            Pattern.compile("^(\\d)\\d\\d[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$)");

    SmtpReply {
        lines = List.copyOf(lines);
    }

    /** The reply on one line: the lines as received, joined with a space. */
    String text() {
        return String.join(" ", lines);
    }

    boolean isPositive() {
        return code >= 200 && code < 400;
    }

    /** The status this reply gives the recipients it concerns: 4xx temporary, 5xx permanent. */
    DeliveryStatus failureStatus() {
        return code >= 500 && code < 600 ? DeliveryStatus.PERMANENT : DeliveryStatus.TEMPORARY;
    }

    /** The server is shutting the session down (RFC 5321 section 3.8), whatever the command. */
    boolean isServiceClosing() {
        return code == 421;
    }

    /**
     * The enhanced status code at the start of a one-line reply such as {@code 550 5.1.1 No such
     * user}, if it is present and of the same class as the reply code (RFC 3463 section 2).
     */
    /**
     * The enhanced status code (RFC 3463) of a remote reply, such as {@code 5.1.1}; none for a
     * local description.
     */
    static Optional<String> enhancedStatusOf(RecipientResult result) {
        return result.fromRemote() ? enhancedStatusOf(result.reply()) : Optional.empty();
    }

    static Optional<String> enhancedStatusOf(String replyText) {
        Matcher m = ENHANCED_STATUS.matcher(replyText);
        if (m.find() && m.group(1).charAt(0) == m.group(2).charAt(0)) {
            return Optional.of(m.group(2));
        }
        return Optional.empty();
    }
}
