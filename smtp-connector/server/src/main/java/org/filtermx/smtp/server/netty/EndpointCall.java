package org.filtermx.smtp.server.netty;

import io.netty.channel.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.smtp.server.RejectableTask;

/**
 * One blocking endpoint call, run on the blocking-work executor and answered on the channel's event
 * loop. A failing or refused call is answered with the fallback (a 451), never not at all.
 */
final class EndpointCall<T> implements RejectableTask {

    private static final Logger LOG = Logger.getLogger(EndpointCall.class.getName());

    private final EventLoop eventLoop;
    private final String description;
    private final Callable<T> call;
    private final T fallback;
    private final Consumer<T> then;
    private final AtomicBoolean started = new AtomicBoolean();

    EndpointCall(
            EventLoop eventLoop,
            String description,
            Callable<T> call,
            T fallback,
            Consumer<T> then) {
        this.eventLoop = eventLoop;
        this.description = description;
        this.call = call;
        this.fallback = fallback;
        this.then = then;
    }

    /** Hands the call to {@code executor}; a refusal is answered with the fallback. */
    void submit(Executor executor) {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            rejected(e);
        }
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        T result;
        try {
            result = call.call();
            if (result == null) {
                LOG.warning(() -> description + ": endpoint returned null");
                result = fallback;
            }
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, description + ": endpoint failed", e);
            result = fallback;
        }
        answer(result);
    }

    @Override
    public void rejected(Throwable cause) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.warning(() -> description + ": work rejected: " + cause);
        answer(fallback);
    }

    private void answer(T result) {
        try {
            eventLoop.execute(() -> then.accept(result));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> description + ": event loop gone, reply dropped");
        }
    }
}
