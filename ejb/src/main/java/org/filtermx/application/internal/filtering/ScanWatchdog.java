package org.filtermx.application.internal.filtering;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a thread whose message scan outlasts its time budget. Scanners run on the thread that
 * received the message, without a hand-off per scanner; the only cost in the common case is arming
 * and cancelling one timer per message on a single shared daemon thread (as the engine connections'
 * watchdog does). Built-in scanners notice the interrupt at their checkpoints ({@link
 * org.filtermx.domain.model.filter.ScanInterrupted}); DNS waits end on it too.
 */
final class ScanWatchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private ScanWatchdog() {}

    /**
     * One daemon thread; a cancelled timer leaves the queue at once, so a busy node does not keep a
     * minute's worth of finished messages' timers (and their threads) queued.
     */
    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread thread = new Thread(task, "filtermx-scan-watchdog");
                            thread.setDaemon(true);
                            return thread;
                        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Starts the budget of the current thread's scan; close the alarm when the scan ends. */
    static Alarm arm(Duration budget) {
        return new Alarm(Thread.currentThread(), budget);
    }

    /**
     * One message's budget. The interrupt and the end of the scan exclude each other, so an
     * interrupt never reaches the thread after {@link #close()}: it cannot leak into the
     * transaction that stores the message.
     */
    static final class Alarm implements AutoCloseable {
        private final Thread thread;
        private final long deadline;
        private final ScheduledFuture<?> timer;
        private boolean running = true;
        private volatile boolean fired;

        private Alarm(Thread thread, Duration budget) {
            this.thread = thread;
            this.deadline = System.nanoTime() + budget.toNanos();
            this.timer = TIMER.schedule(this::fire, budget.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void fire() {
            if (running) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Whether the budget is spent (the thread has been, or is about to be, interrupted). */
        boolean spent() {
            return fired || System.nanoTime() - deadline >= 0;
        }

        @Override
        public void close() {
            timer.cancel(false);
            synchronized (this) {
                running = false;
                if (fired) {
                    // Clears the interrupt this alarm caused (and any set meanwhile by it).
                    Thread.interrupted();
                }
            }
        }
    }
}
