package org.filtermx.application.internal.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.filtermx.application.OutgoingSender;

/**
 * Composes the notice that the circuit breaker locked an outgoing identity (ADR 0045), for the
 * sender's administrator contact: a plain {@code text/plain} mail saying which identity, the burst
 * against its learned baseline, when, and how it gets unlocked.
 *
 * <p>It is deliberately not an RFC 5965 feedback report: a report is about one message (section 2:
 * its third part is that message or its header section), and a burst has no one offending message
 * (the one that tripped the breaker is merely the first over the limit, often a legitimate one).
 * Feedback-Type {@code other} would still promise a message to a machine reader that files ARF by
 * its Original-* fields. The notice carries the facts a machine needs in two extension fields
 * instead (RFC 5322 section 3.6.8 optional fields).
 */
final class BreakerNotice {

    /** The optional field naming the locked account (the ARF report's extension field). */
    static final String OUTGOING_USER_FIELD = "X-FilterMX-Outgoing-User";

    /** The optional field naming the event, as the webhook names it. */
    static final String EVENT_FIELD = "X-FilterMX-Event";

    private static final Session COMPOSING = Session.getInstance(new Properties());

    /** RFC 5322 section 3.3 date-time. */
    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /**
     * What the notice tells.
     *
     * @param sender the locked identity and its account
     * @param reason the lock's reason, as the log and the console show it
     * @param lockedAt when the lock was taken
     * @param hourMessages messages of the identity in the current clock hour, the refused one too
     * @param hourRecipients envelope recipients in the current clock hour
     * @param messageLimit the hour's message limit that applied
     * @param recipientLimit the hour's recipient limit that applied
     * @param usualMessages the learned baseline, messages per hour
     * @param usualRecipients the learned baseline, recipients per hour
     * @param learning whether the identity is still in its warm-up (only the floors applied)
     * @param selfUnlockLeft whether the domain's own login may still unlock it today
     * @param consoleUrl where the console's outgoing users page is
     */
    record Facts(
            OutgoingSender sender,
            String reason,
            Instant lockedAt,
            long hourMessages,
            long hourRecipients,
            long messageLimit,
            long recipientLimit,
            double usualMessages,
            double usualRecipients,
            boolean learning,
            boolean selfUnlockLeft,
            String consoleUrl) {}

    private final String from;
    private final String host;

    /**
     * @param from the notice's From (the gateway's system mail address, RFC 5322 form)
     * @param host this node's host name, for the Message-ID
     */
    BreakerNotice(String from, String host) {
        this.from = from;
        this.host = host;
    }

    /** The notice to the sender's administrator contact, CRLF line ends, ready to spool. */
    byte[] compose(Facts facts) {
        try {
            MimeMessage notice = new MimeMessage(COMPOSING);
            notice.setFrom(InternetAddress.parse(from, true)[0]);
            notice.setRecipient(
                    MimeMessage.RecipientType.TO,
                    new InternetAddress(facts.sender().adminContact(), true));
            notice.setSubject(subject(facts), StandardCharsets.UTF_8.name());
            notice.setSentDate(Date.from(facts.lockedAt()));
            // RFC 3834 section 5: no auto-responder answers a notice.
            notice.setHeader("Auto-Submitted", "auto-generated");
            notice.setHeader(EVENT_FIELD, "outgoing.locked");
            notice.setHeader(
                    OUTGOING_USER_FIELD,
                    MimeUtility.encodeText(
                            oneLine(facts.sender().displayName()),
                            StandardCharsets.UTF_8.name(),
                            null));
            // Jakarta Mail writes a 7bit text as given: the lines end CRLF (RFC 5322 section 2.1).
            notice.setText(
                    text(facts).replace("\n", "\r\n"), StandardCharsets.UTF_8.name(), "plain");
            notice.saveChanges();
            notice.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + host + ">");
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            notice.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(
                    "cannot compose the breaker notice to " + facts.sender().adminContact(), e);
        }
    }

    static String subject(Facts facts) {
        return "Outgoing "
                + (facts.sender().identity().isEmpty() ? "account" : "sender")
                + " locked: unusual burst of mail from "
                + oneLine(facts.sender().displayName());
    }

    /** The text: who, the burst against the usual, when, and what now. */
    static String text(Facts f) {
        OutgoingSender s = f.sender();
        String who = oneLine(s.displayName());
        StringBuilder t = new StringBuilder(1536);
        t.append("FilterMX locked an outgoing ")
                .append(s.identity().isEmpty() ? "account" : "sender")
                .append(" because it sent far more mail than usual in one hour. ")
                .append("A stolen password or a compromised script is the usual cause.\n\n");
        t.append("Outgoing user:    ").append(oneLine(s.account())).append('\n');
        if (!s.identity().isEmpty()) {
            t.append("Sender:           ").append(oneLine(s.identity())).append('\n');
        }
        t.append("Domain:           ").append(s.domain()).append('\n');
        t.append("Locked at:        ").append(date(f.lockedAt())).append('\n');
        t.append("This hour:        ")
                .append(f.hourMessages())
                .append(" messages, ")
                .append(f.hourRecipients())
                .append(" recipients (since ")
                .append(hourStart(f.lockedAt()))
                .append(" UTC)\n");
        t.append("Limit this hour:  ")
                .append(f.messageLimit())
                .append(" messages, ")
                .append(f.recipientLimit())
                .append(" recipients\n");
        t.append("Usual:            ");
        if (f.learning()) {
            t.append("still learning (a new sender is held to the fixed limits above)\n");
        } else {
            t.append(String.format(Locale.ROOT, "%.1f", f.usualMessages()))
                    .append(" messages, ")
                    .append(String.format(Locale.ROOT, "%.1f", f.usualRecipients()))
                    .append(" recipients per hour (learned over the last two weeks)\n");
        }
        t.append("Reason:           ").append(oneLine(f.reason())).append("\n\n");
        t.append("Further mail from ")
                .append(who)
                .append(" is refused (550 5.7.1) until it is unlocked. The mail was not ")
                .append("scanned: the lock comes from the volume alone.\n\n");
        t.append("What to do: check the account for a stolen password or a compromised ")
                .append("script (change the password first), then unlock it.\n");
        if (f.selfUnlockLeft()) {
            t.append("The domain's own login may unlock it once per day (UTC), and today's ")
                    .append("unlock is still available: in the console under Outgoing users, ")
                    .append("Breaker, Unlock");
        } else {
            t.append("Today's self-service unlock of this outgoing user has been used: ")
                    .append("your provider (the reseller) or the administrator decides ")
                    .append("whether it is unlocked, in the console under Outgoing users");
        }
        t.append(" (")
                .append(f.consoleUrl())
                .append("), or with the API (POST /api/v1/outgoing-users/")
                .append(s.userId())
                .append("/unlock).\n");
        return t.toString();
    }

    static String date(Instant when) {
        return RFC5322_DATE.format(when.atZone(ZoneOffset.UTC));
    }

    private static String hourStart(Instant when) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT)
                .format(when.atZone(ZoneOffset.UTC));
    }

    /** Keeps a value from breaking a header line or the layout: controls become spaces. */
    static String oneLine(String s) {
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
