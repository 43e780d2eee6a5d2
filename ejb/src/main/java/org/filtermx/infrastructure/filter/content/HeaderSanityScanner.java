package org.filtermx.infrastructure.filter.content;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.mime.MimeMessageParser;
import org.filtermx.infrastructure.mime.MimeProblem;

/**
 * Scores header fields that careful mail software gets right and bulk senders often do not: the
 * origination fields RFC 5322 section 3.6 requires, their syntax, shouting subjects, a forged
 * looking Received trace, and the structure problems the MIME parser reported.
 */
public final class HeaderSanityScanner implements Scanner {

    private final HeaderSanitySettings settings;
    private final Clock clock;

    public HeaderSanityScanner(HeaderSanitySettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public HeaderSanityScanner(HeaderSanitySettings settings) {
        this(settings, Clock.systemUTC());
    }

    @Override
    public String name() {
        return "headers";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        ParsedMessage parsed = message.parsed();
        if (parsed == null) {
            return ScanResult.CLEAN;
        }
        List<Reason> reasons = new ArrayList<>();
        Instant now = clock.instant();
        checkDate(parsed, now, reasons);
        if (parsed.header("Message-ID").isEmpty()) {
            add(reasons, "MISSING_MESSAGE_ID", settings.missingMessageIdScore(), "");
        }
        checkFrom(parsed, reasons);
        checkSubject(parsed, reasons);
        checkReceived(parsed, now, reasons);
        checkStructure(parsed, reasons);
        return new ScanResult(reasons, false);
    }

    /** RFC 5322 section 3.6: exactly one orig-date field. */
    private void checkDate(ParsedMessage parsed, Instant now, List<Reason> reasons) {
        Optional<String> date = parsed.header("Date");
        if (date.isEmpty()) {
            add(reasons, "MISSING_DATE", settings.missingDateScore(), "");
            return;
        }
        Optional<Instant> when = MessageDate.parse(date.get());
        if (when.isEmpty()) {
            add(reasons, "DATE_MALFORMED", settings.dateMalformedScore(), date.get());
        } else if (when.get().isAfter(now.plus(settings.futureTolerance()))) {
            add(reasons, "DATE_IN_FUTURE", settings.dateInFutureScore(), date.get());
        } else if (when.get().isBefore(now.minus(settings.pastTolerance()))) {
            add(reasons, "DATE_IN_PAST", settings.dateInPastScore(), date.get());
        }
    }

    /** RFC 5322 section 3.6: exactly one From field, holding a mailbox-list. */
    private void checkFrom(ParsedMessage parsed, List<Reason> reasons) {
        List<String> from = parsed.headers("From");
        if (from.isEmpty()) {
            add(reasons, "MISSING_FROM", settings.missingFromScore(), "");
            return;
        }
        if (from.size() > 1) {
            add(reasons, "FROM_MULTIPLE", settings.fromMultipleScore(), from.size() + " fields");
        }
        String decoded = MimeMessageParser.decodeHeader(from.get(0));
        if (!MailboxSyntax.isMailboxList(decoded)) {
            add(reasons, "FROM_MALFORMED", settings.fromMalformedScore(), abbreviate(decoded));
        }
    }

    private void checkSubject(ParsedMessage parsed, List<Reason> reasons) {
        String subject = MimeMessageParser.decodeHeader(parsed.header("Subject").orElse(""));
        long upper = subject.codePoints().filter(Character::isUpperCase).count();
        long lower = subject.codePoints().filter(Character::isLowerCase).count();
        if (lower == 0 && upper >= settings.subjectAllCapsMinLetters()) {
            add(reasons, "SUBJECT_ALL_CAPS", settings.subjectAllCapsScore(), "");
        }
    }

    /**
     * RFC 5321 section 4.4: each relay prepends a Received field ending in {@code ; date-time}. A
     * private or loopback first hop is normal; an unreadable or future stamp, or a trace longer
     * than any real route, suggests forged fields.
     */
    private void checkReceived(ParsedMessage parsed, Instant now, List<Reason> reasons) {
        List<String> received = parsed.headers("Received");
        String finding = null;
        if (received.size() > settings.maxReceivedHops()) {
            finding = received.size() + " hops";
        }
        for (int i = 0; i < received.size() && finding == null; i++) {
            String field = received.get(i);
            int semicolon = field.lastIndexOf(';');
            if (semicolon < 0) {
                continue;
            }
            String stamp = field.substring(semicolon + 1).strip();
            Optional<Instant> when = MessageDate.parse(stamp);
            if (when.isEmpty()) {
                finding = "unreadable date in hop " + (i + 1);
            } else if (when.get().isAfter(now.plus(settings.futureTolerance()))) {
                finding = "future date in hop " + (i + 1);
            }
        }
        if (finding != null) {
            add(reasons, "RECEIVED_SUSPICIOUS", settings.receivedSuspiciousScore(), finding);
        }
    }

    private void checkStructure(ParsedMessage parsed, List<Reason> reasons) {
        for (String problem : parsed.problems()) {
            if (problem.equals(MimeProblem.MALFORMED_MIME.name())) {
                add(reasons, "MIME_MALFORMED", settings.mimeMalformedScore(), "");
            } else {
                add(reasons, "MIME_LIMIT_EXCEEDED", settings.mimeLimitScore(), problem);
            }
        }
    }

    private static void add(List<Reason> reasons, String rule, double score, String detail) {
        if (score != 0) {
            reasons.add(new Reason(rule, score, abbreviate(detail)));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
