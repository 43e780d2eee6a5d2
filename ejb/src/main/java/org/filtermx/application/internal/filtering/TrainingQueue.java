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
 * ({@link #kick}) after each queued message commits starts the worker when it is idle; one arriving
 * while it works makes it look again before it stops. Messages queued while a batch is learnt wait
 * for the next one, so the batches grow with the rate messages come in. A failure that will pass
 * pauses the worker for {@value #PAUSE_MILLIS} ms; then the next nudge or the timer ({@code
 * TrainingQueueTimer}) starts it again.
 */
@ApplicationScoped
public class TrainingQueue {

    private static final Logger LOG = Logger.getLogger(TrainingQueue.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService executor;

    /**
     * How long the worker waits before a batch that would not be full: messages that come one per
     * call gather meanwhile, so the batches are large where one message at a time would cost the
     * database some 1,000 rows each (ADR 0050) and leave the calls themselves no processor.
     */
    static final long GATHER_MILLIS = 1_000;

    @Inject private QueuedTrainingWriter writer;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** How long the worker pauses after a failure that will pass, whatever nudges it. */
    static final long PAUSE_MILLIS = 30_000;

    /** Whether the last step stopped on a failure, so that an outage is logged once. */
    private volatile boolean failing;

    private volatile long pausedUntil;

    /**
     * Starts the worker unless it runs (if it does, it looks at the queue once more), or pauses
     * after a failure.
     */
    public void kick() {
        if (System.currentTimeMillis() < pausedUntil) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            submit(GATHER_MILLIS);
        }
    }

    private void submit(long delayMillis) {
        try {
            executor.schedule(this::step, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down, or the executor is full: the timer tries again.
            running.set(false);
        }
    }

    private void step() {
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
        if (result != QueueDrain.Result.DONE) {
            submit(result == QueueDrain.Result.FULL ? 0 : GATHER_MILLIS);
            return;
        }
        running.set(false);
        if (again.get()) {
            kick();
        }
    }
}
