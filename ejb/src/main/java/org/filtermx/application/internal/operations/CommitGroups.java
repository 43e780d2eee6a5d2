package org.filtermx.application.internal.operations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit (ADR 0041): callers that each have one item to make durable share transactions. Each
 * caller queues its item; one of them, the leader, takes everything queued (up to the limits, at
 * least one item), runs the batch on it in one transaction and wakes the others, whose items are
 * then done. Items that arrive meanwhile wait for the next leader, so a busy node commits several
 * items per transaction and a quiet one commits each at once: nothing waits on a timer.
 *
 * <p>A group that fails as a whole (one item's bad data, a lost connection, a timeout) is run again
 * item by item, each by its own caller, so one item's fault costs only that item; a single item's
 * failure reaches its own caller. A single item whose transaction the database rolled back (a
 * deadlock, or a Galera certification failure at commit: {@link RolledBack}) is run again first.
 *
 * @param <I> what a caller brings
 * @param <R> what the batch answers for each item
 */
public final class CommitGroups<I, R> {

    private static final Logger LOG = Logger.getLogger(CommitGroups.class.getName());

    private enum State {
        QUEUED,
        DONE,
        FAILED,
        ALONE
    }

    private static final class Pending<I, R> {
        final I item;
        final long weight;
        State state = State.QUEUED;
        R result;
        RuntimeException failure;

        Pending(I item, long weight) {
            this.item = item;
            this.weight = weight;
        }
    }

    private final String what;
    private final int maxItems;
    private final long maxWeight;
    private final ToLongFunction<I> weight;
    private final Function<List<I>, List<R>> batch;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private final ArrayDeque<Pending<I, R>> queue = new ArrayDeque<>();
    private boolean flushing;

    /**
     * @param what the items' name, for the log line of a failed group
     * @param maxItems items per transaction
     * @param maxWeight the items' weight per transaction (a heavier item goes alone)
     * @param weight an item's weight, e.g. its bytes
     * @param batch runs one transaction over the items; answers one result per item, in order
     */
    public CommitGroups(
            String what,
            int maxItems,
            long maxWeight,
            ToLongFunction<I> weight,
            Function<List<I>, List<R>> batch) {
        this.what = what;
        this.maxItems = maxItems;
        this.maxWeight = maxWeight;
        this.weight = weight;
        this.batch = batch;
    }

    /**
     * Runs {@code item} in a group and returns its result once committed, or throws what failed.
     */
    public R submit(I item) {
        Pending<I, R> mine = new Pending<>(item, weight.applyAsLong(item));
        lock.lock();
        try {
            queue.add(mine);
            while (mine.state == State.QUEUED) {
                if (flushing) {
                    done.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                List<Pending<I, R>> group = take();
                lock.unlock();
                try {
                    flush(group);
                } finally {
                    for (Pending<I, R> p : group) {
                        if (p.state == State.QUEUED) {
                            p.state = State.ALONE; // flush ended by an Error: each tries alone
                        }
                    }
                    lock.lock();
                    flushing = false;
                    done.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        return switch (mine.state) {
            case DONE -> mine.result;
            case FAILED -> throw mine.failure;
            case ALONE -> alone(item);
            case QUEUED -> throw new IllegalStateException(what + " left in the queue");
        };
    }

    /** How many items wait for a leader (for tests). */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Runs one item in a transaction of its own, again if the database rolled it back. */
    private R alone(I item) {
        return RolledBack.retried(
                        what + ": the transaction of one", () -> batch.apply(List.of(item)))
                .get(0);
    }

    /** The oldest queued items, up to the limits; at least one. Holds the lock. */
    private List<Pending<I, R>> take() {
        List<Pending<I, R>> group = new ArrayList<>();
        long total = 0;
        while (!queue.isEmpty() && group.size() < maxItems) {
            Pending<I, R> next = queue.peek();
            if (!group.isEmpty() && total + next.weight > maxWeight) {
                break;
            }
            group.add(queue.poll());
            total += next.weight;
        }
        return group;
    }

    /** Runs the group; sets every member's state, never throws. Runs without the lock. */
    private void flush(List<Pending<I, R>> group) {
        List<I> items = new ArrayList<>(group.size());
        for (Pending<I, R> p : group) {
            items.add(p.item);
        }
        try {
            List<R> results =
                    items.size() == 1
                            ? Collections.singletonList(alone(items.get(0)))
                            : batch.apply(items);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result = results.get(i);
                group.get(i).state = State.DONE;
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).failure = e;
                group.get(0).state = State.FAILED;
                return;
            }
            LOG.log(
                    Level.INFO,
                    "A group of {0} {1} failed ({2}); each is tried on its own",
                    new Object[] {group.size(), what, String.valueOf(e)});
            for (Pending<I, R> p : group) {
                p.state = State.ALONE;
            }
        }
    }
}
