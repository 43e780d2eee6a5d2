package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.Conflict;
import org.filtermx.application.EmailUserService.LineError;
import org.junit.jupiter.api.Test;

class ImportJobsTest {

    @Test
    void onlyTheStarterFindsAJob() {
        ImportJobs jobs = new ImportJobs();
        ImportJobs.Job job = jobs.start("RESELLER:r1", "example.com", 3, 2, List.of());
        assertThat(jobs.find("RESELLER:r1", job.id)).contains(job);
        assertThat(jobs.find("DOMAIN:r1", job.id)).isEmpty();
        assertThat(jobs.find("RESELLER:r1", "guess")).isEmpty();
        assertThat(job.id).hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void oneImportPerDomainRunsAtATime() {
        ImportJobs jobs = new ImportJobs();
        ImportJobs.Job first = jobs.start("ADMIN:admin", "example.com", 1, 1, List.of());
        assertThatThrownBy(() -> jobs.start("ADMIN:admin", "example.com", 1, 1, List.of()))
                .isInstanceOf(Conflict.class);
        first.finish(null);
        assertThat(jobs.start("ADMIN:admin", "example.com", 1, 1, List.of()).view().state())
                .isEqualTo("RUNNING");
        assertThat(first.view().state()).isEqualTo("DONE");
    }

    @Test
    void keepsABoundedNumberOfJobsAndErrors() {
        ImportJobs jobs = new ImportJobs();
        for (int i = 0; i < ImportJobs.MAX_JOBS + 10; i++) {
            jobs.start("ADMIN:admin", "d" + i + ".example", 1, 1, List.of()).finish(null);
        }
        List<LineError> many = new ArrayList<>();
        for (int i = 0; i < ImportJobs.MAX_ERRORS + 5; i++) {
            many.add(new LineError(i + 2, "x", "bad"));
        }
        ImportJobs.Job job = jobs.start("ADMIN:admin", "last.example", 1, 1, many);
        assertThat(job.view().errors()).hasSize(ImportJobs.MAX_ERRORS + 1);
        assertThat(job.view().errors().get(ImportJobs.MAX_ERRORS).error())
                .startsWith("5 more lines");
    }
}
