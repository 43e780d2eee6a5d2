package org.filtermx.application.internal.accounts;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.EmailUserService.LineError;

/**
 * Saves the users of a CSV import on a thread of the server's managed executor, {@value #CHUNK} at
 * a time, each chunk in a transaction of its own ({@link EmailUserImport}), counting progress into
 * its {@link ImportJobs.Job} as it goes. Passwords are hashed outside the transactions: PBKDF2 is
 * slow on purpose.
 */
@ApplicationScoped
class BackgroundImport {

    static final int CHUNK = 100;

    private static final Logger LOG = Logger.getLogger(BackgroundImport.class.getName());

    @Inject private EmailUserImport importer;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    /** Starts saving {@code rows} into domain {@code domainId}; returns at once. */
    void start(ImportJobs.Job job, long domainId, List<EmailUserImport.Row> rows) {
        executor.execute(() -> run(job, domainId, List.copyOf(rows)));
    }

    private void run(ImportJobs.Job job, long domainId, List<EmailUserImport.Row> rows) {
        try {
            for (int i = 0; i < rows.size(); i += CHUNK) {
                List<EmailUserImport.Row> chunk =
                        rows.subList(i, Math.min(rows.size(), i + CHUNK)).stream()
                                .map(EmailUserImport.Row::hashed)
                                .toList();
                try {
                    for (EmailUserImport.Outcome o : importer.apply(domainId, chunk, true)) {
                        if (o.error() != null) {
                            job.error(new LineError(o.row().line(), o.row().address(), o.error()));
                        } else if (o.added()) {
                            job.added.incrementAndGet();
                        } else {
                            job.updated.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a chunk of a CSV import was not saved", e);
                    for (EmailUserImport.Row r : chunk) {
                        job.error(
                                new LineError(
                                        r.line(),
                                        r.address(),
                                        "not saved, the database refused it; import again"));
                    }
                }
                job.done.addAndGet(chunk.size());
            }
            job.finish(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CSV import " + job.id + " failed", e);
            job.finish("the import stopped on the server; the users saved so far stay saved");
        }
    }
}
