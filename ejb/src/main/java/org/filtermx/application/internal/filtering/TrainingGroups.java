package org.filtermx.application.internal.filtering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Learns the messages of concurrent single training calls ({@code POST /training/spam} with one
 * message each) in one transaction, as the intake's group commit does for received mail. Each call
 * queues its message; one of them, the leader, takes everything queued, has it learnt and written
 * in one transaction ({@link TrainingWriter}) and wakes the others, whose messages are then learnt.
 * Messages that arrive meanwhile wait for the next leader, so a client training over several
 * connections gets one write per group: the tokens and 4-gram weights its messages share are
 * written once, where a transaction per message wrote each of them per message. A lone call is
 * written at once: nothing waits on a timer.
 *
 * <p>A message that cannot be read is left out of its group and its call fails alone. A group that
 * fails as a whole (the store, rspamd, a lock timeout) is tried again message by message, each by
 * its own call, so one message's fault costs only that call.
 */
@ApplicationScoped
public class TrainingGroups {

    /** Messages per transaction: as many as the client sends at once, up to this. */
    static final int MAX_MESSAGES = 64;

    /** Message bytes per transaction (a larger message goes alone). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(TrainingGroups.class.getName());

    private enum State {
        QUEUED,
        DONE,
        FAILED,
        ALONE
    }

    private static final class Pending {
        final ClassifierTraining.Lesson lesson;
        State state = State.QUEUED;
        String problem;
        RuntimeException failure;

        Pending(ClassifierTraining.Lesson lesson) {
            this.lesson = lesson;
        }
    }

    @Inject private TrainingWriter writer;

    private Function<List<ClassifierTraining.Lesson>, List<String>> write;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition learnt = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean flushing;

    public TrainingGroups() {}

    /** For tests: writes each group with {@code write} (one transaction per call). */
    TrainingGroups(Function<List<ClassifierTraining.Lesson>, List<String>> write) {
        this.write = write;
    }

    /**
     * Learns one message and returns once its group is committed, or throws what the write threw.
     *
     * @throws IllegalArgumentException when the message cannot be read; nothing of it was learnt
     */
    public void learn(ClassifierTraining.Lesson lesson) {
        Pending mine = new Pending(lesson);
        lock.lock();
        try {
            queue.add(mine);
            while (mine.state == State.QUEUED) {
                if (flushing) {
                    learnt.awaitUninterruptibly();
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
                    learnt.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        switch (mine.state) {
            case DONE -> {}
            case FAILED -> throw mine.failure;
            case ALONE -> mine.problem = write(List.of(lesson)).get(0);
            case QUEUED -> throw new IllegalStateException("message left in the queue");
        }
        if (mine.problem != null) {
            throw new IllegalArgumentException(mine.problem);
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
            long size = next.lesson.message().length;
            if (!group.isEmpty() && bytes + size > MAX_BYTES) {
                break;
            }
            group.add(queue.poll());
            bytes += size;
        }
        return group;
    }

    /** Learns the group; sets every member's state, never throws. Runs without the lock. */
    private void flush(List<Pending> group) {
        List<ClassifierTraining.Lesson> lessons = new ArrayList<>(group.size());
        for (Pending p : group) {
            lessons.add(p.lesson);
        }
        try {
            List<String> problems = write(lessons);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).problem = problems.get(i);
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
                    "A group of {0} training messages was not learnt ({1}); each is tried alone",
                    new Object[] {group.size(), String.valueOf(e)});
            for (Pending p : group) {
                p.state = State.ALONE;
            }
        }
    }

    private List<String> write(List<ClassifierTraining.Lesson> lessons) {
        return write != null ? write.apply(lessons) : writer.learn(lessons);
    }
}
