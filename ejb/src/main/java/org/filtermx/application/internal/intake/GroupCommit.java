package org.filtermx.application.internal.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the messages of several SMTP sessions durable in one transaction (ADR 0041). Each session
 * that has a message to store queues it; one of them, the leader, takes everything queued, stores
 * it with {@link MessageStore#store} in one transaction and wakes the others, whose messages are
 * then durable. Messages that arrive meanwhile wait for the next leader, so a busy node commits
 * several messages per transaction and a quiet one commits each at once: nothing waits on a timer.
 *
 * <p>A group fails as a whole (one message's bad data, a lost connection, a timeout): then every
 * message of it is stored again on its own, by its own session, so one message's fault costs only
 * that message its 451.
 */
@ApplicationScoped
public class GroupCommit {

    /** Messages per transaction. */
    static final int MAX_MESSAGES = 32;

    /** Message bytes per transaction (a larger message goes alone). */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private enum State {
        QUEUED,
        STORED,
        FAILED,
        ALONE
    }

    private static final class Pending {
        final List<MessageStore.Item> items;
        final long bytes;
        State state = State.QUEUED;
        RuntimeException failure;

        Pending(List<MessageStore.Item> items) {
            this.items = items;
            long size = 0;
            for (MessageStore.Item item : items) {
                size += item.content().size();
            }
            this.bytes = size;
        }
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    @Inject private MessageStore store;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stored = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean flushing;

    public GroupCommit() {}

    /** For tests and callers built without CDI: stores through this store. */
    public GroupCommit(MessageStore store) {
        this.store = store;
    }

    /**
     * Stores the items of one message (all or none, as {@link MessageStore#store}) and returns once
     * they are committed, or throws what the store threw.
     */
    public void store(List<MessageStore.Item> items) {
        Pending mine = new Pending(items);
        lock.lock();
        try {
            queue.add(mine);
            while (mine.state == State.QUEUED) {
                if (flushing) {
                    stored.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                List<Pending> group = take();
                lock.unlock();
                try {
                    flush(group);
                } finally {
                    for (Pending p : group) {
                        if (p.state == State.QUEUED) {
                            p.state = State.ALONE; // flush ended by an Error: each tries alone
                        }
                    }
                    lock.lock();
                    flushing = false;
                    stored.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        switch (mine.state) {
            case STORED -> {}
            case FAILED -> throw mine.failure;
            case ALONE -> store.store(items);
            case QUEUED -> throw new IllegalStateException("message left in the queue");
        }
    }

    /** How many messages wait for a leader (for tests). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest queued messages, up to the limits; at least one. Holds the lock. */
    private List<Pending> take() {
        List<Pending> group = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && group.size() < MAX_MESSAGES) {
            Pending next = queue.peek();
            if (!group.isEmpty() && bytes + next.bytes > MAX_BYTES) {
                break;
            }
            group.add(queue.poll());
            bytes += next.bytes;
        }
        return group;
    }

    /** Stores the group; sets every member's state, never throws. Runs without the lock. */
    private void flush(List<Pending> group) {
        if (group.size() == 1) {
            Pending only = group.get(0);
            try {
                store.store(only.items);
                only.state = State.STORED;
            } catch (RuntimeException e) {
                only.failure = e;
                only.state = State.FAILED;
            }
            return;
        }
        List<MessageStore.Item> all = new ArrayList<>();
        for (Pending p : group) {
            all.addAll(p.items);
        }
        State outcome;
        try {
            store.store(all);
            outcome = State.STORED;
        } catch (RuntimeException e) {
            LOG.log(
                    Level.INFO,
                    "A group of {0} messages was not stored ({1}); each is stored on its own",
                    new Object[] {group.size(), String.valueOf(e)});
            outcome = State.ALONE;
        }
        for (Pending p : group) {
            p.state = outcome;
        }
    }
}
