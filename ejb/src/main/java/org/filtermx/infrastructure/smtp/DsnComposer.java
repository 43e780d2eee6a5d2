package org.filtermx.infrastructure.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds the delivery status notification (RFC 3464) that tells a sender which recipients failed or
 * are delayed, as a {@code multipart/report} message (RFC 6522) ready to relay with the null
 * reverse-path.
 *
 * <p>The third part returns only the original header section ({@code text/rfc822-headers}, RFC 6522
 * section 4), never the body, cut to {@value #HEADER_SIZE_LIMIT} octets of complete lines: enough
 * to identify the message without reflecting a sender's content to whatever address it gave.
 */
public final class DsnComposer {

    /**
     * How much of the original header section is returned: an ordinary header section fits
     * (Postfix's bounces return at most {@code bounce_size_limit}, 50,000 octets, of the whole
     * message); a header stuffed with someone's text up to {@code header_size_limit} does not.
     */
    static final int HEADER_SIZE_LIMIT = 8_192;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);

    private final String reportingMta;
    private final Clock clock;

    /**
     * @param reportingMta our host name, for {@code Reporting-MTA} and the MAILER-DAEMON address
     * @param clock the time source for {@code Date} and the age of the message
     */
    public DsnComposer(String reportingMta, Clock clock) {
        this.reportingMta = Objects.requireNonNull(reportingMta, "reportingMta");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether a DSN may be sent for a message with this reverse-path: never to the null sender, so
     * that notifications cannot loop (RFC 5321 sections 4.5.5 and 6.1).
     */
    public static boolean requiresDsn(String originalReversePath) {
        return !OutboundEnvelope.normalizeReversePath(originalReversePath).isEmpty();
    }

    /**
     * Composes the DSN.
     *
     * @param originalSender the reverse-path of the original message, the DSN's {@code To}
     * @param arrivalDate when FilterMX received the original message
     * @param recipients the recipients to report, all failed or all delayed
     * @param original the original message; only its header section is read
     * @return the DSN as CRLF-terminated lines of at most 998 octets
     * @throws IOException if the original message cannot be read
     */
    public byte[] compose(
            String originalSender,
            Instant arrivalDate,
            List<DsnRecipient> recipients,
            MessageSource original)
            throws IOException {
        if (!requiresDsn(originalSender)) {
            throw new IllegalArgumentException("no DSN to the null sender");
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients to report");
        }
        boolean failure = recipients.stream().anyMatch(r -> r.action() == DsnAction.FAILED);
        String sender = OutboundEnvelope.normalizeReversePath(originalSender);
        String boundary = "=_dsn_" + UUID.randomUUID();
        List<String> lines = new ArrayList<>();
        lines.addAll(
                MailLines.field(
                        "From", "Mail Delivery System <MAILER-DAEMON@" + reportingMta + ">"));
        lines.addAll(MailLines.field("To", "<" + sender + ">"));
        lines.addAll(
                MailLines.field(
                        "Subject",
                        failure
                                ? "Undelivered Mail Returned to Sender"
                                : "Delayed Mail (still being retried)"));
        lines.addAll(MailLines.field("Date", DATE.format(clock.instant())));
        lines.addAll(
                MailLines.field("Message-ID", "<" + UUID.randomUUID() + "@" + reportingMta + ">"));
        // RFC 3834 section 5: marks the DSN as automatic so responders do not answer it.
        lines.add("Auto-Submitted: auto-replied");
        lines.add("MIME-Version: 1.0");
        lines.add("Content-Type: multipart/report; report-type=delivery-status;");
        lines.add(" boundary=\"" + boundary + "\"");
        lines.add("");
        lines.add("This is a MIME-encapsulated message.");
        lines.add("");
        lines.add("--" + boundary);
        List<String> explanation = explanation(failure, arrivalDate, recipients);
        lines.add("Content-Type: text/plain; charset=utf-8");
        lines.add("Content-Transfer-Encoding: " + (isAscii(explanation) ? "7bit" : "8bit"));
        lines.add("");
        lines.addAll(explanation);
        lines.add("");
        lines.add("--" + boundary);
        lines.add("Content-Type: message/delivery-status");
        lines.add("");
        lines.addAll(deliveryStatus(arrivalDate, recipients));
        lines.add("--" + boundary);
        lines.add("Content-Type: text/rfc822-headers");
        lines.add("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLines(out, lines);
        out.write(OriginalHeaders.read(original, HEADER_SIZE_LIMIT));
        writeLines(out, List.of("", "--" + boundary + "--"));
        return out.toByteArray();
    }

    /** Part 1: what happened, for people; wording after Postfix's bounce template. */
    private List<String> explanation(
            boolean failure, Instant arrivalDate, List<DsnRecipient> recipients) {
        long days = Duration.between(arrivalDate, clock.instant()).toDays();
        List<String> lines = new ArrayList<>();
        lines.add("This is the mail system at host " + reportingMta + ".");
        lines.add("");
        if (failure) {
            lines.addAll(
                    MailLines.wrap(
                            "I'm sorry to have to inform you that your message could not be"
                                    + " delivered to one or more recipients. It's attached below.",
                            ""));
        } else {
            lines.addAll(
                    MailLines.wrap(
                            "Your message could not be delivered for "
                                    + age(arrivalDate)
                                    + " to one or more recipients. It will be retried; you do"
                                    + " not need to send it again.",
                            ""));
        }
        for (DsnRecipient recipient : recipients) {
            lines.add("");
            String reason =
                    recipient.expired()
                            ? "delivery gave up after "
                                    + days
                                    + (days == 1 ? " day" : " days")
                                    + "; last error: "
                                    + describe(recipient)
                            : describe(recipient);
            lines.addAll(MailLines.wrap("<" + recipient.finalRecipient() + ">: " + reason, "    "));
        }
        return lines;
    }

    private static String describe(DsnRecipient recipient) {
        if (recipient.smtpDiagnostic() && recipient.remoteMta() != null) {
            return "host " + recipient.remoteMta() + " said: " + recipient.diagnostic();
        }
        return recipient.diagnostic();
    }

    private String age(Instant arrivalDate) {
        Duration age = Duration.between(arrivalDate, clock.instant());
        return age.toDays() >= 1 ? age.toDays() + " day(s)" : age.toHours() + " hour(s)";
    }

    /** Part 2: the machine-readable report (RFC 3464 sections 2.2 and 2.3). */
    private List<String> deliveryStatus(Instant arrivalDate, List<DsnRecipient> recipients) {
        List<String> lines = new ArrayList<>();
        lines.addAll(MailLines.field("Reporting-MTA", "dns; " + reportingMta));
        lines.addAll(MailLines.field("Arrival-Date", DATE.format(arrivalDate)));
        for (DsnRecipient recipient : recipients) {
            lines.add("");
            lines.addAll(
                    MailLines.field("Final-Recipient", "rfc822; " + recipient.finalRecipient()));
            if (recipient.originalRecipient() != null) {
                lines.addAll(
                        MailLines.field(
                                "Original-Recipient", "rfc822; " + recipient.originalRecipient()));
            }
            lines.add("Action: " + recipient.action().fieldValue());
            lines.add("Status: " + recipient.status());
            if (recipient.remoteMta() != null) {
                lines.addAll(MailLines.field("Remote-MTA", "dns; " + recipient.remoteMta()));
            }
            String type = recipient.smtpDiagnostic() ? "smtp" : "X-FilterMX";
            lines.addAll(MailLines.field("Diagnostic-Code", type + "; " + recipient.diagnostic()));
            lines.add("Last-Attempt-Date: " + DATE.format(recipient.lastAttempt()));
        }
        lines.add("");
        return lines;
    }

    private static void writeLines(ByteArrayOutputStream out, List<String> lines) {
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
    }

    private static boolean isAscii(List<String> lines) {
        return lines.stream().allMatch(l -> l.chars().allMatch(c -> c < 0x80));
    }

    /** Reads the header section of the original message for part 3. */
    private static final class OriginalHeaders {

        private OriginalHeaders() {}

        /**
         * The lines before the first empty line, as CRLF-terminated lines cut to 998 octets, up to
         * {@code limit} octets of complete lines.
         */
        static byte[] read(MessageSource message, int limit) throws IOException {
            ByteArrayOutputStream headers = new ByteArrayOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (InputStream in = message.open()) {
                int b;
                while ((b = in.read()) >= 0) {
                    if (b == '\n') {
                        if (line.size() == 0 || !appendLine(headers, line, limit)) {
                            return headers.toByteArray();
                        }
                        line.reset();
                    } else if (b != '\r') {
                        line.write(b);
                    }
                }
                if (line.size() > 0) {
                    appendLine(headers, line, limit);
                }
            }
            return headers.toByteArray();
        }

        /** Appends one line (folded with a space if too long); false once the limit is reached. */
        private static boolean appendLine(
                ByteArrayOutputStream headers, ByteArrayOutputStream line, int limit) {
            byte[] bytes = line.toByteArray();
            int lineOctets = bytes.length + 2 + (bytes.length / MailLines.MAX_LENGTH) * 3;
            if (headers.size() + lineOctets > limit) {
                return false;
            }
            for (int start = 0; start < bytes.length; start += MailLines.MAX_LENGTH - 1) {
                if (start > 0) {
                    headers.write(' ');
                }
                int end = Math.min(bytes.length, start + MailLines.MAX_LENGTH - 1);
                headers.write(bytes, start, end - start);
                headers.write('\r');
                headers.write('\n');
            }
            return true;
        }
    }
}
