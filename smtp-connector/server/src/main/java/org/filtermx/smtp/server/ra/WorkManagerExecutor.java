package org.filtermx.smtp.server.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.filtermx.smtp.server.RejectableTask;

/**
 * Runs the server's blocking work on the container's {@link WorkManager} (JCA 2.1 chapter 11), so
 * endpoint calls happen on managed threads and never on a Netty event loop.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(
                    new TaskWork(task), WorkManager.INDEFINITE, null, new RejectionListener(task));
        } catch (WorkException e) {
            throw new RejectedExecutionException(e);
        }
    }

    /** A Runnable as JCA work; it cannot be asked to stop early, so release does nothing. */
    private record TaskWork(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {}
    }

    /** Tells a rejectable task that work accepted by {@code scheduleWork} was later refused. */
    private static final class RejectionListener extends WorkAdapter {
        private final Runnable task;

        RejectionListener(Runnable task) {
            this.task = task;
        }

        @Override
        public void workRejected(WorkEvent event) {
            if (task instanceof RejectableTask rejectable) {
                rejectable.rejected(event.getException());
            }
        }
    }
}
