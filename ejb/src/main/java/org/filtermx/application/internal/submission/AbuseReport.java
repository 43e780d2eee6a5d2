package org.filtermx.application.internal.submission;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.filtermx.application.OutgoingSender;

/**
 * Composes the Abuse Reporting Format report (RFC 5965) about one blocked outgoing message, for the
 * sender's administrator contact: a {@code multipart/report; report-type=feedback-report} of a
 * human-readable part, the machine-readable {@code message/feedback-report} and the blocked message
 * ({@code message/rfc822}, or {@code text/rfc822-headers} above the size limit; section 2).
 *
 * <p>RFC 5965 has no field for the authenticated account, so the human part names it and the report
 * carries it in the extension field {@code X-FilterMX-Outgoing-User} (section 3.3 allows extension
 * fields; a receiver that does not know it ignores it).
 */
public final class AbuseReport {

    /** The User-Agent of the report (RFC 5965 section 3.1): product and version. */
    static final String USER_AGENT = "FilterMX/1.0";

    /** The extension field with the outgoing user's display name. */
    static final String OUTGOING_USER_FIELD = "X-FilterMX-Outgoing-User";

    private static final Session COMPOSING = Session.getInstance(new Properties());

    /** RFC 5322 section 3.3 date-time. */
    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /**
     * What the report tells.
     *
     * @param sender the outgoing user whose message was blocked
     * @param sourceIp the client address the message came from
     * @param mailFrom the envelope sender, empty for {@code <>}
     * @param recipients the envelope recipients
     * @param arrival when the message's final dot arrived
     * @param score the outbound score
     * @param reasons the verdict's reasons, as the log shows them
     * @param virus whether a virus engine found malware
     * @param locked whether this message locked the sender
     * @param message the blocked message as received
     */
    public record Facts(
            OutgoingSender sender,
            String sourceIp,
            String mailFrom,
            List<String> recipients,
            Instant arrival,
            double score,
            String reasons,
            boolean virus,
            boolean locked,
            byte[] message) {

        Facts withLocked(boolean locked) {
            return new Facts(
                    sender,
                    sourceIp,
                    mailFrom,
                    recipients,
                    arrival,
                    score,
                    reasons,
                    virus,
                    locked,
                    message);
        }
    }

    private final String from;
    private final String reportingHost;
    private final long messageLimit;

    /**
     * @param from the report's From (the gateway's system mail address, RFC 5322 form)
     * @param reportingHost this node's host name, for Reporting-MTA and the Message-ID
     * @param messageLimit above this many bytes only the message's header section is attached
     */
    AbuseReport(String from, String reportingHost, long messageLimit) {
        this.from = from;
        this.reportingHost = reportingHost;
        this.messageLimit = messageLimit;
    }

    /** The report to the sender's administrator contact, CRLF line ends, ready to spool. */
    byte[] compose(Facts facts, Instant now) {
        try {
            MimeMessage report = new MimeMessage(COMPOSING);
            InternetAddress[] parsed = InternetAddress.parse(from, true);
            report.setFrom(parsed[0]);
            report.setRecipient(
                    MimeMessage.RecipientType.TO,
                    new InternetAddress(facts.sender().adminContact(), true));
            report.setSubject(subject(facts), StandardCharsets.UTF_8.name());
            report.setSentDate(Date.from(now));
            // RFC 3834 section 5: no auto-responder answers a report.
            report.setHeader("Auto-Submitted", "auto-generated");
            MimeMultipart parts = new MimeMultipart("report; report-type=feedback-report");
            MimeBodyPart human = new MimeBodyPart();
            human.setText(humanText(facts), StandardCharsets.UTF_8.name(), "plain");
            parts.addBodyPart(human);
            parts.addBodyPart(
                    part(
                            feedbackFields(facts).getBytes(StandardCharsets.UTF_8),
                            "message/feedback-report",
                            "7bit"));
            byte[] attached = attachment(facts.message());
            parts.addBodyPart(
                    part(
                            attached,
                            attached.length == facts.message().length
                                    ? "message/rfc822"
                                    : "text/rfc822-headers",
                            eightBit(attached) ? "8bit" : "7bit"));
            report.setContent(parts);
            report.saveChanges();
            report.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + reportingHost + ">");
            ByteArrayOutputStream out = new ByteArrayOutputStream(attached.length + 8192);
            report.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(
                    "cannot compose the abuse report to " + facts.sender().adminContact(), e);
        }
    }

    static String subject(Facts facts) {
        return (facts.locked() ? "Outgoing account locked: " : "Outgoing mail blocked: ")
                + (facts.virus() ? "virus" : "spam")
                + " from "
                + oneLine(facts.sender().displayName());
    }

    /** The human-readable part (RFC 5965 section 2, item b): who, when, why, and what now. */
    static String humanText(Facts facts) {
        OutgoingSender s = facts.sender();
        StringBuilder t = new StringBuilder(1024);
        t.append("FilterMX blocked an outgoing message as ")
                .append(facts.virus() ? "carrying a virus" : "spam")
                .append(".\n\n");
        t.append("Outgoing user:  ").append(oneLine(s.displayName())).append('\n');
        t.append("Domain:         ").append(s.domain()).append('\n');
        t.append("Received at:    ").append(date(facts.arrival())).append('\n');
        t.append("From address:   ").append(facts.sourceIp()).append('\n');
        t.append("Envelope from:  <").append(oneLine(facts.mailFrom())).append(">\n");
        t.append("Recipients:     ").append(facts.recipients().size()).append('\n');
        t.append("Spam score:     ").append(String.format(Locale.ROOT, "%.1f", facts.score()));
        t.append('\n');
        t.append("Reasons:        ").append(oneLine(facts.reasons())).append("\n\n");
        t.append("The message was refused (5.7.1), so the sending server returns it to its ")
                .append("sender, and a copy is kept in the outgoing quarantine, where an ")
                .append("administrator or reseller can release it if it was not spam.\n\n");
        if (facts.locked()) {
            t.append("THE ACCOUNT IS NOW LOCKED: further mail from ")
                    .append(oneLine(s.displayName()))
                    .append(" is refused (550 5.7.1) until it is unlocked. Check the account ")
                    .append("for a stolen password or a compromised script, then unlock it in ")
                    .append("the console under Outgoing users, or with the API ")
                    .append("(/outgoing-users).\n");
        } else {
            t.append("The account stays open")
                    .append(
                            s.autoLock()
                                    ? " (its score stayed below the domain's lock threshold)"
                                    : " (automatic locking is switched off for it)")
                    .append(
                            ". If it keeps sending such mail, check it for a stolen password or"
                                    + " a compromised script.\n");
        }
        return t.toString();
    }

    /** The machine-readable part (RFC 5965 section 3), one field per line. */
    String feedbackFields(Facts facts) {
        OutgoingSender s = facts.sender();
        StringBuilder f = new StringBuilder(512);
        field(f, "Feedback-Type", "abuse");
        field(f, "User-Agent", USER_AGENT);
        field(f, "Version", "1");
        field(f, "Original-Mail-From", "<" + oneLine(facts.mailFrom()) + ">");
        for (String rcpt : facts.recipients()) {
            field(f, "Original-Rcpt-To", "<" + oneLine(rcpt) + ">");
        }
        field(f, "Arrival-Date", date(facts.arrival()));
        field(f, "Reporting-MTA", "dns; " + reportingHost);
        field(f, "Source-IP", facts.sourceIp());
        field(f, "Incidents", "1");
        field(f, "Reported-Domain", s.domain());
        field(f, OUTGOING_USER_FIELD, oneLine(s.displayName()));
        return f.toString();
    }

    /**
     * The whole message, or its header section when it is over the limit (RFC 5965 section 2 c).
     */
    private byte[] attachment(byte[] message) {
        if (message.length <= messageLimit) {
            return message;
        }
        int end = headerEnd(message);
        byte[] head = new byte[end];
        System.arraycopy(message, 0, head, 0, end);
        return head;
    }

    /** The length of the header section with its ending empty line, or the whole when none. */
    static int headerEnd(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r'
                    && message[i + 1] == '\n'
                    && message[i + 2] == '\r'
                    && message[i + 3] == '\n') {
                return i + 4;
            }
        }
        return message.length;
    }

    private static MimeBodyPart part(byte[] content, String type, String encoding)
            throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding", encoding);
        return part;
    }

    private static boolean eightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static void field(StringBuilder f, String name, String value) {
        f.append(name).append(": ").append(value).append("\r\n");
    }

    static String date(Instant when) {
        return RFC5322_DATE.format(when.atZone(ZoneOffset.UTC));
    }

    /** Keeps a value from breaking a header line or the layout: controls become spaces. */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }
}
