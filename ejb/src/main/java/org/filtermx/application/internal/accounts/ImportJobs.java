package org.filtermx.application.internal.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.filtermx.application.Conflict;
import org.filtermx.application.EmailUserService.ImportJob;
import org.filtermx.application.EmailUserService.LineError;
import org.filtermx.application.TemporaryFailure;

/**
 * The CSV imports running or recently finished on this node, for their progress to be polled by the
 * one who started them. Kept in memory (docs/adr/0017): a finished import is kept for {@link
 * #KEEP}, at most {@link #MAX_JOBS} at once (the oldest finished one makes room), each with at most
 * {@link #MAX_ERRORS} lines reported; one import per domain runs at a time.
 */
@ApplicationScoped
class ImportJobs {

    static final Duration KEEP = Duration.ofHours(1);
    static final int MAX_JOBS = 100;
    static final int MAX_ERRORS = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** One import: its owner, its counters (updated by the background run) and its outcome. */
    static final class Job {

        final String id;
        final String owner;
        final String domain;
        final int lines;
        final int users;
        final Instant startedAt = Instant.now();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger added = new AtomicInteger();
        final AtomicInteger updated = new AtomicInteger();
        private final List<LineError> errors = new ArrayList<>();
        private int unreported;
        private volatile String failure;
        private volatile Instant finishedAt;

        Job(
                String id,
                String owner,
                String domain,
                int lines,
                int users,
                List<LineError> parseErrors) {
            this.id = id;
            this.owner = owner;
            this.domain = domain;
            this.lines = lines;
            this.users = users;
            parseErrors.forEach(this::error);
        }

        synchronized void error(LineError e) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            } else {
                unreported++;
            }
        }

        void finish(String failure) {
            this.failure = failure;
            this.finishedAt = Instant.now();
        }

        boolean running() {
            return finishedAt == null;
        }

        synchronized ImportJob view() {
            List<LineError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(LineError::line));
            if (unreported > 0) {
                sorted.add(
                        new LineError(
                                0,
                                "",
                                unreported
                                        + " more lines were not imported; fix the ones above"
                                        + " and import the file again to see them"));
            }
            String state = running() ? "RUNNING" : failure == null ? "DONE" : "FAILED";
            return new ImportJob(
                    id,
                    domain,
                    state,
                    lines,
                    users,
                    done.get(),
                    added.get(),
                    updated.get(),
                    List.copyOf(sorted),
                    failure,
                    startedAt,
                    finishedAt);
        }
    }

    /**
     * Registers a new import of {@code domain} for {@code owner}; refused while one for the domain
     * runs.
     */
    Job start(String owner, String domain, int lines, int users, List<LineError> parseErrors) {
        purge();
        synchronized (jobs) {
            if (jobs.values().stream().anyMatch(j -> j.running() && j.domain.equals(domain))) {
                throw new Conflict(
                        "an import into " + domain + " is still running; wait for it to finish");
            }
            if (jobs.size() >= MAX_JOBS) {
                jobs.values().stream()
                        .filter(j -> !j.running())
                        .min(Comparator.comparing(j -> j.finishedAt))
                        .ifPresent(this::forget);
            }
            if (jobs.size() >= MAX_JOBS) {
                throw new TemporaryFailure(
                        "too many imports are running; try again in a few minutes", null);
            }
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            Job job =
                    new Job(
                            Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                            owner,
                            domain,
                            lines,
                            users,
                            parseErrors);
            jobs.put(job.id, job);
            return job;
        }
    }

    /** The import {@code id} if {@code owner} started it. */
    Optional<Job> find(String owner, String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id))
                .filter(j -> j.owner.equals(owner));
    }

    void forget(Job job) {
        jobs.remove(job.id);
    }

    private void purge() {
        Instant oldest = Instant.now().minus(KEEP);
        jobs.values().removeIf(j -> !j.running() && j.finishedAt.isBefore(oldest));
    }
}
