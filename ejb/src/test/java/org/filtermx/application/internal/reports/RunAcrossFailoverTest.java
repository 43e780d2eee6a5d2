package org.filtermx.application.internal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.filtermx.application.ReportService.SentReport;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository.DueDomain;
import org.filtermx.domain.model.report.ReportRepository.DueUser;
import org.junit.jupiter.api.Test;

/**
 * Two nodes over one report table: the node making the daily run dies half-way through it, and the
 * survivor, told by the cluster view, finishes the run. Every user gets the day's report once. The
 * table's unique key is the fake repository's; a node that dies inside a report's transaction
 * leaves nothing of it (the database rolls it back: ReportRunResumeIT, ReportSentOnMariaDbIT), so
 * here a node dies between two reports.
 */
class RunAcrossFailoverTest {

    private static final Instant RUN = Instant.parse("2026-12-02T01:00:00Z");
    private static final int USERS = 1_234;
    private static final String REPORT_TIMER = "filtermx.filtermx-ejb.ReportSchedule";

    private final ReportFakes.Repository table = new ReportFakes.Repository();
    private final ReportFakes.Mail spool = new ReportFakes.Mail();

    /** A node's report sender, with the users due served in pages; it can die after some sends. */
    private final class Node extends ReportSender {
        private final int diesAfter;
        private int sends;

        Node(int diesAfter) {
            super(
                    table,
                    new ReportContents(table, new ReportFakes.Links(), ReportFakes.settings()),
                    new ReportFakes.Renderer(),
                    spool);
            this.diesAfter = diesAfter;
        }

        @Override
        public List<DueUser> usersDue(String frequency, long afterId, int limit, Instant now) {
            List<DueUser> page = new ArrayList<>();
            for (long id = afterId + 1; id <= USERS && page.size() < limit; id++) {
                page.add(new DueUser(id, "user" + id + "@example.com", "example.com", "html"));
            }
            return frequency.equals("daily") ? page : List.of();
        }

        @Override
        public List<DueDomain> domainsDue(String frequency, long afterId, int limit) {
            return List.of();
        }

        @Override
        public SentReport send(ReportTarget target, ReportPeriod period, Instant now) {
            if (sends++ == diesAfter) {
                throw new Killed();
            }
            return super.send(target, period, now);
        }
    }

    /** The node's end: not an exception a run catches and counts. */
    private static final class Killed extends Error {
        Killed() {
            super("kill -9");
        }
    }

    /** The survivor's view of the timer rows: the dead node had claimed the daily report run. */
    private static InterruptedTimers timersClaimedBy(String node, String... beans) {
        return new InterruptedTimers() {
            @Override
            public List<String> releaseRunsOf(Collection<String> nodes) {
                return nodes.contains(node) ? List.of(beans) : List.of();
            }
        };
    }

    @Test
    void theSurvivorFinishesTheDeadNodesRunAndSendsEachReportOnce() {
        DefaultReportRuns nodeA =
                new DefaultReportRuns(new DefaultReportService(new Node(700)), Runnable::run);
        assertThatThrownBy(() -> nodeA.runDue(RUN)).isInstanceOf(Killed.class);
        assertThat(spool.spooled).as("reports spooled before the node died").hasSize(700);

        DefaultReportRuns nodeB =
                new DefaultReportRuns(
                        new DefaultReportService(new Node(-1)),
                        Runnable::run,
                        timersClaimedBy("node-a", REPORT_TIMER),
                        Clock.fixed(RUN.plusSeconds(90), ZoneOffset.UTC));
        assertThat(nodeB.takeOverFrom(Set.of("node-a"))).as("the survivor ran").isTrue();

        Map<String, Long> reports =
                spool.spooled.stream()
                        .collect(
                                Collectors.groupingBy(
                                        ReportFakes.Spooled::recipient, Collectors.counting()));
        assertThat(reports).as("users with a report").hasSize(USERS);
        assertThat(reports.values()).as("reports per user").containsOnly(1L);
        assertThat(table.sent).hasSize(USERS);
    }

    @Test
    void aNodeThatLeftWithoutARunningReportTimerStartsNoRun() {
        List<Instant> runs = new ArrayList<>();
        Function<String, DefaultReportRuns> survivor =
                bean ->
                        new DefaultReportRuns(
                                new DefaultReportService(new Node(-1)) {
                                    @Override
                                    public RunResult sendDue(Instant now) {
                                        runs.add(now);
                                        return new RunResult(0, 0, 0);
                                    }
                                },
                                Runnable::run,
                                bean == null
                                        ? timersClaimedBy("node-a")
                                        : timersClaimedBy("node-a", bean),
                                Clock.systemUTC());

        assertThat(survivor.apply(null).takeOverFrom(Set.of("node-a")))
                .as("the node ran no timer")
                .isFalse();
        assertThat(
                        survivor.apply("filtermx.filtermx-ejb.Housekeeper")
                                .takeOverFrom(Set.of("node-a")))
                .as("housekeeping was freed; its timer runs it again")
                .isFalse();
        assertThat(survivor.apply(REPORT_TIMER).takeOverFrom(Set.of("node-b")))
                .as("another node left")
                .isFalse();
        assertThat(runs).isEmpty();
        assertThat(survivor.apply(REPORT_TIMER).takeOverFrom(Set.of("node-a"))).isTrue();
        assertThat(runs).hasSize(1);
    }
}
