package org.filtermx.application.internal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService.RunResult;
import org.filtermx.application.ReportService.SentReport;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository.DueDomain;
import org.filtermx.domain.model.report.ReportRepository.DueUser;
import org.junit.jupiter.api.Test;

/**
 * A scheduled run pages through the users and domains due, sends each one's report for the right
 * period, counts what was sent before and what failed, and goes on after a failure.
 */
class ScheduledRunTest {

    private static final Instant TUESDAY = Instant.parse("2026-12-01T00:05:00Z");
    private static final Instant MONDAY = Instant.parse("2026-11-30T00:05:00Z");

    /** Serves {@code users} daily users in pages and records each send. */
    private static final class Sender extends ReportSender {
        final int users;
        final List<String> pages = new ArrayList<>();
        final List<String> sends = new ArrayList<>();
        final List<String> sentBefore = new ArrayList<>();
        String failing;

        Sender(int users) {
            this.users = users;
        }

        @Override
        public List<DueUser> usersDue(String frequency, long afterId, int limit, Instant now) {
            pages.add(frequency + ">" + afterId);
            int total = frequency.equals("daily") ? users : 1;
            List<DueUser> page = new ArrayList<>();
            for (long id = afterId + 1; id <= total && page.size() < limit; id++) {
                page.add(new DueUser(id, frequency + id + "@example.com", "example.com", "html"));
            }
            return page;
        }

        @Override
        public List<DueDomain> domainsDue(String frequency, long afterId, int limit) {
            return afterId > 0
                    ? List.of()
                    : List.of(
                            new DueDomain(1, "example.com", "pdf", "admin@example.com"),
                            new DueDomain(2, "silent.test", "html", null));
        }

        @Override
        public SentReport send(ReportTarget target, ReportPeriod period, Instant now) {
            if (target.subject().equals(failing)) {
                throw new IllegalStateException("renderer down");
            }
            sends.add(target.subject() + " " + period.key() + " " + target.format());
            boolean sent = !sentBefore.contains(target.subject());
            return new SentReport(
                    target.subject(), target.recipient(), period.start(), period.end(), sent);
        }
    }

    @Test
    void pagesThroughEveryUserAndCountsFailuresWithoutStopping() {
        Sender sender = new Sender(1201);
        sender.failing = "daily600@example.com";
        sender.sentBefore.add("daily3@example.com");
        RunResult result = new DefaultReportService(sender).sendDue(TUESDAY);

        assertThat(sender.pages).containsExactly("daily>0", "daily>500", "daily>1000");
        // 1201 users less the failed one and the one sent before, and the domain with an address.
        assertThat(result).isEqualTo(new RunResult(1201 - 2 + 1, 1, 1));
        assertThat(sender.sends).contains("daily1201@example.com D2026-11-30 HTML");
        assertThat(sender.sends).contains("example.com D2026-11-30 PDF");
        assertThat(sender.sends)
                .as("a domain without any address is left out")
                .noneMatch(s -> s.startsWith("silent.test"));
    }

    @Test
    void aFullLastPageAsksOnceMoreAndStopsAtTheEmptyOne() {
        Sender sender = new Sender(1000);
        new DefaultReportService(sender).sendDue(TUESDAY);
        assertThat(sender.pages).containsExactly("daily>0", "daily>500", "daily>1000");
    }

    @Test
    void weeklyReportsGoOutOnMondaysForTheWeekBefore() {
        Sender tuesday = new Sender(1);
        new DefaultReportService(tuesday).sendDue(TUESDAY);
        assertThat(tuesday.sends).noneMatch(s -> s.contains(" W"));

        Sender monday = new Sender(1);
        RunResult result = new DefaultReportService(monday).sendDue(MONDAY);
        assertThat(monday.sends)
                .containsExactly(
                        "daily1@example.com D2026-11-29 HTML",
                        "example.com D2026-11-29 PDF",
                        "weekly1@example.com W2026-W48 HTML",
                        "example.com W2026-W48 PDF");
        assertThat(result).isEqualTo(new RunResult(4, 0, 0));
        assertThat(ReportFormat.of("pdf")).isEqualTo(ReportFormat.PDF);
    }
}
