package org.filtermx.application.internal.filtering;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's worker on the training queue: one task at a time on the default managed executor,
 * each task one batch ({@link QueueDrain#step}), the next batch a new task, so that no task runs
 * for long and the write turn is taken and given back per batch, as bulk uploads do. A nudge
 * ({@link #kick}) after each queued message commits starts the worker when it is idle; the worker
 * then lets messages gather ({@link Gathering}: a quiet second, at most ten seconds, or a full
 * batch) before it claims them, so that calls coming one after another are learnt hundreds at a
 * time. Nudges that come while a batch is learnt start the next gathering. A failure that will pass
 * pauses the worker for {@value #PAUSE_MILLIS} ms; then the next nudge or the timer ({@code
 * TrainingQueueTimer}) starts it again.
 */
@ApplicationScoped
public class TrainingQueue {

    private static final Logger LOG = Logger.getLogger(TrainingQueue.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService executor;

    @Inject private QueuedTrainingWriter writer;

    private final AtomicBoolean running = new AtomicBoolean();
    private final Gathering gathering = new Gathering(QueueDrain.BATCH_MESSAGES);

    /** How long the worker pauses after a failure that will pass, whatever nudges it. */
    static final long PAUSE_MILLIS = 30_000;

    /** Whether the last step stopped on a failure, so that an outage is logged once. */
    private volatile boolean failing;

    private volatile long pausedUntil;

    /**
     * A message was queued: starts the worker unless it runs (a running worker sees the nudge when
     * it next looks) or pauses after a failure.
     */
    public void kick() {
        long now = System.currentTimeMillis();
        gathering.nudged(now);
        if (now < pausedUntil) {
            return;
        }
        start();
    }

    private void start() {
        if (running.compareAndSet(false, true)) {
            submit(Gathering.QUIET_MILLIS);
        }
    }

    private void submit(long delayMillis) {
        schedule(this::step, delayMillis);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down, or the executor is full: the timer tries again.
            running.set(false);
        }
    }

    private void step() {
        long wait = gathering.delay(System.currentTimeMillis());
        if (wait > 0) {
            submit(wait);
            return;
        }
        learn();
    }

    /** Claims and learns one batch; a full one is followed at once by the next, ungathered. */
    private void learn() {
        gathering.taken();
        QueueDrain.Result result;
        try {
            result = new QueueDrain(writer).step();
        } catch (RuntimeException e) {
            // Stays queued; the next nudge or the timer tries again.
            running.set(false);
            LOG.log(
                    failing ? Level.FINE : Level.WARNING,
                    "the training queue waits: a batch could not be learnt for now",
                    e);
            failing = true;
            pausedUntil = System.currentTimeMillis() + PAUSE_MILLIS;
            return;
        }
        if (failing) {
            LOG.info("the training queue is learnt again");
            failing = false;
        }
        if (result == QueueDrain.Result.FULL) {
            schedule(this::learn, 0);
            return;
        }
        // Stopped before looking at the gathering, so that a nudge either sees the worker stopped
        // and starts it, or came before this look and is seen here.
        running.set(false);
        if (gathering.pending()) {
            start();
        }
    }
}
