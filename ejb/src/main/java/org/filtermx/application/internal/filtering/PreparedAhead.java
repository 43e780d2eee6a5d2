package org.filtermx.application.internal.filtering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A parallel stage in front of an ordered one: each item is prepared on an executor's threads, at
 * most a fixed number of items ahead of the one being used, and the results are handed to the
 * calling thread in the items' order. An item that no executor thread has started when the caller
 * needs it is prepared by the caller itself, so a busy or refusing executor slows the stage down
 * but never stalls it; the bound keeps the prepared items waiting in memory few.
 *
 * @param <T> the items
 * @param <R> what preparing an item gives
 */
final class PreparedAhead<T, R> {

    private final List<T> items;
    private final Function<? super T, ? extends R> prepare;
    private final Executor executor;
    private final int ahead;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** One item's preparation: claimed by whoever starts it first. */
    private final class Slot {
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<R> result = new CompletableFuture<>();
        final T item;

        Slot(T item) {
            this.item = item;
        }

        void run() {
            if (stopped.get() || !claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                result.complete(prepare.apply(item));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }

    private PreparedAhead(
            List<T> items, Function<? super T, ? extends R> prepare, Executor executor, int ahead) {
        this.items = items;
        this.prepare = prepare;
        this.executor = executor;
        this.ahead = ahead;
    }

    /**
     * Prepares {@code items} on {@code executor} (null: all on the calling thread), up to {@code
     * ahead} items beyond the one in use, and passes each result to {@code use} on the calling
     * thread, in order. A preparation that throws throws from here when its turn comes; whatever
     * {@code use} throws stops the preparations not yet started.
     */
    static <T, R> void forEach(
            List<T> items,
            Function<? super T, ? extends R> prepare,
            Executor executor,
            int ahead,
            Consumer<? super R> use) {
        new PreparedAhead<T, R>(items, prepare, executor, ahead).run(use);
    }

    private void run(Consumer<? super R> use) {
        int n = items.size();
        List<Slot> slots = new ArrayList<>(Collections.nCopies(n, null));
        int started = 0;
        try {
            for (int i = 0; i < n; i++) {
                for (; started < n && started <= i + ahead; started++) {
                    slots.set(started, new Slot(items.get(started)));
                    if (started > i) {
                        submit(slots.get(started));
                    }
                }
                // Dropped once used, so that only the items ahead stay in memory.
                Slot slot = slots.set(i, null);
                slot.run();
                use.accept(result(slot));
            }
        } finally {
            stopped.set(true);
        }
    }

    private void submit(Slot slot) {
        if (executor == null) {
            return;
        }
        try {
            executor.execute(slot::run);
        } catch (RejectedExecutionException e) {
            // The caller prepares it when its turn comes.
        }
    }

    private R result(Slot slot) {
        try {
            return slot.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("a preparation was cancelled", e);
        }
    }
}
