package org.filtermx.smtp.server.netty;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline by which the client must send more (Postfix {@code smtpd_timeout}). It is pushed
 * back on every read, and suspended while the server itself is busy with an endpoint call. Runs on
 * the channel's event loop only.
 */
public final class ClientTimeout implements Runnable {

    private final EventLoop eventLoop;
    private final Runnable onExpiry;
    private long deadline;
    private boolean suspended = true;
    private boolean cancelled;
    private ScheduledFuture<?> check;
    private long checkAt;

    public ClientTimeout(EventLoop eventLoop, Runnable onExpiry) {
        this.eventLoop = eventLoop;
        this.onExpiry = onExpiry;
    }

    /** Gives the client {@code timeout} from now. */
    public void restart(Duration timeout) {
        deadline = System.nanoTime() + timeout.toNanos();
        suspended = false;
        if (check != null && checkAt - deadline > 0) {
            // The new deadline is earlier than the pending check (DATA after a command).
            check.cancel(false);
            check = null;
        }
        if (check == null && !cancelled) {
            schedule(timeout.toNanos());
        }
    }

    private void schedule(long delayNanos) {
        checkAt = System.nanoTime() + delayNanos;
        check = eventLoop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }

    public void suspend() {
        suspended = true;
    }

    public void cancel() {
        cancelled = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void run() {
        check = null;
        if (suspended || cancelled) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(left);
        } else {
            onExpiry.run();
        }
    }
}
