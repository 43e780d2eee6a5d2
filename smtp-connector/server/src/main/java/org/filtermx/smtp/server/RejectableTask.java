package org.filtermx.smtp.server;

/**
 * A task for the blocking-work executor that must learn when it will never run, so that an executor
 * which refuses work after accepting it (a JCA WorkManager reporting {@code workRejected}) still
 * lets the session answer its client.
 */
public interface RejectableTask extends Runnable {

    /** Called instead of {@link #run()} when the task was refused; at most one of the two runs. */
    void rejected(Throwable cause);
}
