package org.filtermx.application.internal.logging;

import java.time.Duration;
import java.util.Locale;
import java.util.logging.Logger;
import org.filtermx.application.LogValues;

/**
 * One line of the {@code org.filtermx.disposition} log: the final (or, for {@code deferred}, the
 * latest) disposition of a message for one recipient, in the key=value form of Postfix's delivery
 * log:
 *
 * <pre>
 * queue_id=Q from=&lt;s@a&gt; to=&lt;r@b&gt; domain=b status=sent relay=mx.b:25 dsn=2.0.0 delay=0.42 reply="250 2.0.0 Ok"
 * </pre>
 *
 * <p>The keys always come in this order and are all present ({@code relay=none} when no host was
 * involved), but {@code delay}, which is left out when the time of receipt is unknown. A value of
 * printable ASCII without spaces, quotes or backslashes is written as it is; any other is written
 * in double quotes with {@code "} and {@code \} escaped by a backslash. Control characters (and
 * Unicode line and paragraph separators) are dropped, and each value is cut to {@link #MAX_VALUE}
 * characters before it is looked at, so that a hostile address or reply can neither start a new
 * line nor fake a key, and a line stays short. {@code reply} comes last, so that a reader who stops
 * at it loses nothing.
 *
 * @param queueId the message's queue id
 * @param sender the envelope sender, empty for the null reverse path (a DSN)
 * @param recipient the envelope recipient
 * @param domain the recipient's domain
 * @param status the disposition
 * @param relay the destination as {@code host:port}, or null
 * @param reply the reply that decided it (the destination's, or a local description), or null
 * @param delay the time since the message was received, or null when unknown
 */
public record DispositionLine(
        String queueId,
        String sender,
        String recipient,
        String domain,
        Disposition status,
        String relay,
        String reply,
        Duration delay) {

    /** The logger category: operators can route it to a handler of its own. */
    public static final String CATEGORY = "org.filtermx.disposition";

    /** The longest value written, in characters (an ellipsis marks a cut). */
    public static final int MAX_VALUE = LogValues.MAX_VALUE;

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** Writes this line to the disposition log, at INFO. */
    public void log() {
        LOG.info(text());
    }

    /** The line as written to the log. */
    public String text() {
        StringBuilder b = new StringBuilder(160);
        b.append("queue_id=").append(value(queueId));
        b.append(" from=").append(value("<" + nonNull(sender) + ">"));
        b.append(" to=").append(value("<" + nonNull(recipient) + ">"));
        b.append(" domain=").append(value(domain));
        b.append(" status=").append(status.word());
        b.append(" relay=").append(relay == null || relay.isEmpty() ? "none" : value(relay));
        b.append(" dsn=").append(dsn(reply, status));
        if (delay != null) {
            long millis = Math.max(0, delay.toMillis());
            b.append(" delay=").append(String.format(Locale.ROOT, "%.2f", millis / 1000.0));
        }
        b.append(" reply=").append(value(reply == null ? "" : reply));
        return b.toString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** A value as written (see {@link LogValues}). */
    static String value(String raw) {
        return LogValues.value(raw);
    }

    /**
     * The enhanced status code (RFC 3463 section 2, {@code class.subject.detail}) after the reply
     * code of an SMTP reply such as {@code 550 5.1.1 No such user} or {@code 250-2.0.0 ...}, or the
     * status's default when the reply has none (a local description, a reply without one).
     */
    static String dsn(String reply, Disposition status) {
        if (reply == null || reply.length() < 9) {
            return status.defaultDsn();
        }
        for (int i = 0; i < 3; i++) {
            if (!digit(reply.charAt(i))) {
                return status.defaultDsn();
            }
        }
        char sep = reply.charAt(3);
        if (sep != ' ' && sep != '-') {
            return status.defaultDsn();
        }
        int start = 4;
        char cls = reply.charAt(start);
        if ((cls != '2' && cls != '4' && cls != '5') || reply.charAt(start + 1) != '.') {
            return status.defaultDsn();
        }
        int i = start + 2;
        int subject = digits(reply, i);
        if (subject == 0 || i + subject >= reply.length() || reply.charAt(i + subject) != '.') {
            return status.defaultDsn();
        }
        i += subject + 1;
        int detail = digits(reply, i);
        if (detail == 0) {
            return status.defaultDsn();
        }
        i += detail;
        if (i < reply.length() && reply.charAt(i) != ' ') {
            return status.defaultDsn();
        }
        return reply.substring(start, i);
    }

    /** How many digits (at most three, as RFC 3463 allows) start at {@code from}. */
    private static int digits(String s, int from) {
        int n = 0;
        while (from + n < s.length() && n < 4 && digit(s.charAt(from + n))) {
            n++;
        }
        return n > 3 ? 0 : n;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
