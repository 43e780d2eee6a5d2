package org.filtermx.application.internal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.filtermx.domain.model.account.AccountRole;
import org.junit.jupiter.api.Test;

class DefaultReportRunsTest {

    private static final Caller ADMIN = new Caller("admin", AccountRole.ADMIN);

    /** Records the runs asked for; each answers 3 sent, 1 skipped. */
    private static class CountingService implements ReportService {
        final List<Instant> runs = new ArrayList<>();

        @Override
        public RunResult sendDue(Instant now) {
            runs.add(now);
            return new RunResult(3, 1, 0);
        }

        @Override
        public SentReport sendUserReport(Caller caller, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SentReport sendDomainReport(Caller caller, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RenderedReport previewUserReport(
                Caller caller, String address, ReportFormat format) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RenderedReport previewDomainReport(Caller caller, String name, ReportFormat format) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theTimersRunSendsWhatIsDueAtItsInstant() {
        CountingService service = new CountingService();
        Instant now = Instant.parse("2026-12-02T01:00:00Z");

        ReportService.RunResult result = new DefaultReportRuns(service, Runnable::run).runDue(now);

        assertThat(service.runs).containsExactly(now);
        assertThat(result).isEqualTo(new ReportService.RunResult(3, 1, 0));
    }

    @Test
    void onlyAnAdministratorStartsARun() {
        CountingService service = new CountingService();
        DefaultReportRuns runs = new DefaultReportRuns(service, Runnable::run);

        for (AccountRole role : List.of(AccountRole.RESELLER, AccountRole.DOMAIN)) {
            assertThatThrownBy(() -> runs.startNow(new Caller("someone.example", role)))
                    .isInstanceOf(Forbidden.class);
        }
        assertThatThrownBy(() -> runs.startNow(null)).isInstanceOf(Forbidden.class);
        assertThat(service.runs).isEmpty();
    }

    @Test
    void aSecondRequestWhileARunWorksStartsNothing() {
        CountingService service = new CountingService();
        List<Runnable> queued = new ArrayList<>();
        DefaultReportRuns runs = new DefaultReportRuns(service, queued::add);

        assertThat(runs.startNow(ADMIN)).isTrue();
        assertThat(runs.startNow(ADMIN)).as("while the first is queued").isFalse();
        queued.get(0).run();
        assertThat(service.runs).hasSize(1);
        assertThat(runs.startNow(ADMIN)).as("after the first ended").isTrue();
        assertThat(queued).hasSize(2);
    }

    @Test
    void aRunThatFailsLetsTheNextOneStart() {
        ReportService failing =
                new CountingService() {
                    @Override
                    public RunResult sendDue(Instant now) {
                        throw new IllegalStateException("database gone");
                    }
                };
        List<Runnable> queued = new ArrayList<>();
        DefaultReportRuns runs = new DefaultReportRuns(failing, queued::add);

        assertThat(runs.startNow(ADMIN)).isTrue();
        queued.get(0).run();
        assertThat(runs.startNow(ADMIN)).isTrue();
    }
}
