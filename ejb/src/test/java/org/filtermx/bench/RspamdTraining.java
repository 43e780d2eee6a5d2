package org.filtermx.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.infrastructure.filter.external.LearnOutcome;
import org.filtermx.infrastructure.filter.external.RspamdScanner;

/**
 * Trains rspamd's Bayes classifier on the corpus' training part through its controller, with the
 * same client calls the gateway makes when a user reports spam or not spam ({@link
 * RspamdScanner#learnSpam}, {@link RspamdScanner#learnHam}). rspamd's Bayes only counts tokens, so
 * the order does not matter (unlike the built-in regression's) and a few requests run at once.
 */
final class RspamdTraining {

    /**
     * What came of the training.
     *
     * @param learned messages rspamd learned: ham, spam
     * @param declined rspamd's reasons for the messages it declined (too few tokens, already
     *     learned), with how often each was given
     * @param failed messages it could not learn at all (HTTP error, timeout)
     * @param firstFailure the first such failure, empty when none
     */
    record Result(
            int[] learned,
            Map<String, Integer> declined,
            int failed,
            String firstFailure,
            double seconds) {

        int declinedTotal() {
            return declined.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final RspamdScanner rspamd;
    private final int[] learned = new int[2];
    private final Map<String, Integer> declined = new TreeMap<>();
    private int failed;
    private String firstFailure = "";

    private RspamdTraining(RspamdScanner rspamd) {
        this.rspamd = rspamd;
    }

    /**
     * Learns every message of {@code training} with {@code threads} requests in flight; a message
     * rspamd declines or cannot learn is counted, not retried.
     */
    static Result train(RspamdScanner rspamd, List<BenchCorpus.Message> training, int threads)
            throws InterruptedException {
        RspamdTraining tally = new RspamdTraining(rspamd);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (BenchCorpus.Message m : training) {
                pending.add(pool.submit(() -> tally.learn(m)));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        synchronized (tally) {
            return new Result(
                    tally.learned.clone(),
                    Map.copyOf(tally.declined),
                    tally.failed,
                    tally.firstFailure,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private void learn(BenchCorpus.Message m) {
        try {
            LearnOutcome outcome = m.spam() ? rspamd.learnSpam(m.raw()) : rspamd.learnHam(m.raw());
            record(m.spam(), outcome);
        } catch (ScannerUnavailable | RuntimeException e) {
            recordFailure(e);
        }
    }

    private synchronized void record(boolean spam, LearnOutcome outcome) {
        if (outcome.learned()) {
            learned[spam ? 1 : 0]++;
        } else {
            declined.merge(outcome.explanation(), 1, Integer::sum);
        }
    }

    private synchronized void recordFailure(Exception e) {
        if (failed++ == 0) {
            firstFailure = String.valueOf(e.getMessage());
        }
    }
}
