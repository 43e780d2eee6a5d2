package org.filtermx.infrastructure.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportContent.Kind;
import org.filtermx.application.ReportContent.RefusedLine;
import org.filtermx.application.ReportContent.SenderCount;
import org.filtermx.application.ReportContent.Totals;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.WelcomeContent;

/** Realistic report content built by hand, as the report service would gather it. */
final class ReportSamples {

    static final Instant DAY = Instant.parse("2026-12-02T00:00:00Z");
    static final String CONSOLE = "https://mx.example.net/";
    static final String LOGIN = "https://mx.example.net/password?token=Zm9vYmFy.c2lnbmF0dXJl";

    private static final String[] SUBJECTS = {
        "Your invoice #88231 is overdue",
        "Ваш счёт заблокирован — подтвердите данные",
        "Ελληνική προσφορά: κερδίστε τώρα",
        "Cheap meds, no prescription",
        "Re: Re: Fwd: urgent wire transfer",
    };

    private ReportSamples() {}

    /** Bob's daily report with {@code held} held messages, five refused, in {@code format}. */
    static ReportContent user(int held, ReportFormat format) {
        return new ReportContent(
                Kind.USER,
                "bob@example.com",
                "example.com",
                "bob@example.com",
                format,
                DAY,
                DAY.plus(Duration.ofDays(1)),
                new Totals(1234, 1180, held, 2, 5),
                heldLines(held),
                0,
                refusedLines(5),
                List.of(),
                CONSOLE,
                LOGIN);
    }

    /** example.com's weekly domain report with {@code held} held messages and its top senders. */
    static ReportContent domain(int held, ReportFormat format) {
        return new ReportContent(
                Kind.DOMAIN,
                "example.com",
                "example.com",
                "postmaster@example.com",
                format,
                Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"),
                new Totals(45_678, 44_001, held, 7, 12),
                heldLines(held),
                0,
                refusedLines(12),
                List.of(
                        new SenderCount("bulk@spam-cannon.example", 37),
                        new SenderCount("noreply@phish.example", 12),
                        new SenderCount("<script>@evil.example", 3)),
                CONSOLE,
                null);
    }

    static List<HeldLine> heldLines(int count) {
        List<HeldLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(
                    new HeldLine(
                            DAY.plusSeconds(86_000L * (count - i) / (count + 1)),
                            "sender" + i + "@spam" + (i % 7) + ".example",
                            SUBJECTS[i % SUBJECTS.length] + " (" + i + ")",
                            i % 4 == 0 ? "virus: Eicar-Signature" : "spam",
                            5.0 + i * 0.37,
                            releaseLink(i)));
        }
        return lines;
    }

    static String releaseLink(int i) {
        return "https://mx.example.net/release?id=" + (1000 + i) + "&sig=k1.AbCdEf" + i;
    }

    static List<RefusedLine> refusedLines(int count) {
        List<RefusedLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(
                    new RefusedLine(
                            DAY.plus(Duration.ofMinutes(41L * (count - i))),
                            "refused" + i + "@botnet.example",
                            "Refused offer number " + i,
                            i % 2 == 0
                                    ? "550 5.7.1 listed at zen.spamhaus.org"
                                    : "554 5.7.1 score 21.3"));
        }
        return lines;
    }

    /** {@code content} with one held line replaced by {@code line}. */
    static ReportContent withHeld(ReportContent content, List<HeldLine> held) {
        return new ReportContent(
                content.kind(),
                content.subject(),
                content.domain(),
                content.recipient(),
                content.format(),
                content.periodStart(),
                content.periodEnd(),
                content.totals(),
                held,
                content.heldOmitted(),
                content.refused(),
                content.topSenders(),
                content.consoleUrl(),
                content.loginLink());
    }

    static ReportContent withOmitted(ReportContent content, int omitted) {
        return new ReportContent(
                content.kind(),
                content.subject(),
                content.domain(),
                content.recipient(),
                content.format(),
                content.periodStart(),
                content.periodEnd(),
                content.totals(),
                content.held(),
                omitted,
                content.refused(),
                content.topSenders(),
                content.consoleUrl(),
                content.loginLink());
    }

    static WelcomeContent welcome() {
        return new WelcomeContent(
                "carol@example.com",
                "example.com",
                LOGIN,
                Instant.parse("2026-12-09T14:30:00Z"),
                CONSOLE,
                Instant.parse("2026-12-03T14:30:00Z"));
    }
}
