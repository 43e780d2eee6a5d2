package org.filtermx.infrastructure.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.filtermx.application.Brand;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.Kind;
import org.filtermx.application.WelcomeContent;

/**
 * The words of reports and welcome mails, in one place so that the subject line, the HTML part, the
 * plain text and the PDF say the same thing. Dates are UTC, as the report periods are.
 */
final class ReportWording {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH =
            DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ENGLISH);

    static final String RECEIVED = "Received";
    static final String DELIVERED = "Delivered";
    static final String SPAM = "Spam held";
    static final String VIRUSES = "Viruses held";
    static final String REFUSED = "Refused";

    static final String DATE = "Date (UTC)";
    static final String SENDER = "Sender";
    static final String SUBJECT = "Subject";
    static final String REASON = "Reason";
    static final String SCORE = "Score";
    static final String MESSAGES = "Held messages";
    static final String RELEASE = "Release";

    static final String HELD_TITLE = "Held messages";
    static final String TOP_SENDERS_TITLE = "Senders with most held messages";
    static final String REFUSED_TITLE = "Refused and not kept (for auditing)";
    static final String NOTHING_HELD = "Nothing was held in this period.";
    static final String NO_SUBJECT = "(no subject)";
    static final String NO_SENDER = "(no sender)";

    private ReportWording() {}

    /** "Quarantine report" for a user, "Domain quarantine report" for a domain. */
    static String title(Kind kind) {
        return kind == Kind.DOMAIN ? "Domain quarantine report" : "Quarantine report";
    }

    /**
     * The mail's subject line, e.g. "Quarantine report for bob@example.com: 3 messages held (2 Dec
     * 2026)".
     */
    static String subjectLine(ReportContent content) {
        return title(content.kind())
                + " for "
                + content.subject()
                + ": "
                + messagesHeld(heldCount(content))
                + " ("
                + period(content)
                + ")";
    }

    /** The held messages of the period still in the quarantine: those listed and those not. */
    static long heldCount(ReportContent content) {
        return (long) content.held().size() + content.heldOmitted();
    }

    /** "no messages held", "1 message held", "3 messages held". */
    static String messagesHeld(long count) {
        if (count == 0) {
            return "no messages held";
        }
        return count + (count == 1 ? " message held" : " messages held");
    }

    /** The opening sentence under the title. */
    static String intro(ReportContent content) {
        String whose =
                content.kind() == Kind.DOMAIN
                        ? "for the addresses of " + content.subject()
                        : "for " + content.subject();
        return content.brand().productName()
                + " kept these messages out of the inbox "
                + whose
                + ". Release a message to have it delivered; the others are deleted when their"
                + " quarantine time runs out.";
    }

    /**
     * The period in UTC: "2 Dec 2026" for one whole day, "23–29 Nov 2026", "30 Nov – 6 Dec 2026" or
     * "29 Dec 2026 – 4 Jan 2027" for whole days, date and time otherwise ({@code end} is
     * exclusive).
     */
    static String period(ReportContent content) {
        return period(content.periodStart(), content.periodEnd());
    }

    static String period(Instant start, Instant end) {
        ZonedDateTime from = start.atZone(ZoneOffset.UTC);
        ZonedDateTime to = end.atZone(ZoneOffset.UTC);
        if (!from.toLocalTime().equals(LocalTime.MIDNIGHT)
                || !to.toLocalTime().equals(LocalTime.MIDNIGHT)
                || !to.isAfter(from)) {
            return DAY_TIME.format(from) + " – " + DAY_TIME.format(to) + " UTC";
        }
        LocalDate first = from.toLocalDate();
        LocalDate last = to.toLocalDate().minusDays(1);
        if (last.equals(first)) {
            return DAY.format(last);
        }
        if (first.getYear() != last.getYear()) {
            return DAY.format(first) + " – " + DAY.format(last);
        }
        if (first.getMonth() != last.getMonth()) {
            return DAY_MONTH.format(first) + " – " + DAY.format(last);
        }
        return first.getDayOfMonth() + "–" + DAY.format(last);
    }

    /** A message's arrival, UTC, to the minute. */
    static String dateTime(Instant at) {
        return at == null ? "" : DAY_TIME.format(at.atZone(ZoneOffset.UTC));
    }

    /** A held message's arrival, reason and score on one line, as the mail parts show it. */
    static String heldDetails(ReportContent.HeldLine line) {
        String reason =
                line.reason() == null || line.reason().isBlank() ? "" : line.reason() + ", ";
        return dateTime(line.receivedAt()) + " UTC, " + reason + "score " + score(line.score());
    }

    /** A score with one decimal, the same in every locale. */
    static String score(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }

    /** A count with thousands separators, e.g. "12,345". */
    static String count(long count) {
        return String.format(Locale.ENGLISH, "%,d", count);
    }

    static String sender(String sender) {
        return sender == null || sender.isBlank() ? NO_SENDER : sender;
    }

    static String subject(String subject) {
        return subject == null || subject.isBlank() ? NO_SUBJECT : subject;
    }

    /** Said under the list when more messages were held than it shows. */
    static String omitted(int omitted) {
        return count(omitted)
                + (omitted == 1 ? " more held message is" : " more held messages are")
                + " not listed here; the console shows them all.";
    }

    /** Said in the mail of a PDF report: what only the attachment lists. */
    static String pdfAttached(ReportContent content) {
        return "The attached PDF has this report for printing"
                + (content.refused().isEmpty()
                        ? "."
                        : ", with the "
                                + count(content.refused().size())
                                + " refused messages of the period for auditing.");
    }

    static String consoleLine(Kind kind) {
        return consoleLine(kind, Brand.CLUSTER_NAME);
    }

    static String consoleLine(Kind kind, String product) {
        return kind == Kind.DOMAIN
                ? "The domain's quarantine and mail log are in the " + product + " console:"
                : "Your quarantine and mail log are in the " + product + " console:";
    }

    /** The brand's support line, e.g. "Questions? Write to support@example.net.", or null. */
    static String support(Brand brand) {
        return brand.supportAddress() == null
                ? null
                : "Questions? Write to " + brand.supportAddress() + ".";
    }

    static String loginLine() {
        return "You have no password yet. Set one through this personal link, which works once:";
    }

    static String setPassword() {
        return "Set my password";
    }

    static String openConsole() {
        return "Open the console";
    }

    /** The footer of every report. */
    static String footer(ReportContent content) {
        return content.brand().productName()
                + " protection report for "
                + content.subject()
                + ", sent to "
                + content.recipient()
                + ". Dates are UTC.";
    }

    /** The PDF's file name, e.g. "quarantine-report-bob_example.com-2026-12-02.pdf". */
    static String pdfFileName(ReportContent content) {
        LocalDate day = content.periodStart().atZone(ZoneOffset.UTC).toLocalDate();
        return "quarantine-report-" + fileSafe(content.subject()) + "-" + day + ".pdf";
    }

    private static String fileSafe(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && out.length() < 64; i++) {
            char c = name.charAt(i);
            boolean safe =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '-';
            out.append(safe ? c : '_');
        }
        return out.toString();
    }

    // The welcome mail.

    static String welcomeSubject(WelcomeContent content) {
        return "Your personal quarantine for " + content.address() + " is on";
    }

    static String welcomeIntro(WelcomeContent content) {
        return content.brand().productName()
                + " filters the mail of "
                + content.domain()
                + ". From now on, spam and viruses sent to "
                + content.address()
                + " are held in your personal quarantine instead of reaching your inbox.";
    }

    static String welcomeReports(WelcomeContent content) {
        return "You will receive a quarantine report listing the held messages, each with a link"
                + " to release it, from "
                + dateTime(content.firstReportAt())
                + " UTC on.";
    }

    static String welcomeLogin(WelcomeContent content) {
        return "To see your quarantine and your mail log at any time, set a password through this"
                + " personal link. It works once and expires on "
                + dateTime(content.loginLinkExpires())
                + " UTC:";
    }

    static String welcomeConsole() {
        return "Then log in to the console with your address and that password:";
    }

    static String welcomeFooter(WelcomeContent content) {
        return "This message was sent automatically by "
                + content.brand().productName()
                + " to "
                + content.address()
                + ".";
    }
}
