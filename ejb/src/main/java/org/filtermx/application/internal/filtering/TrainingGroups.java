package org.filtermx.application.internal.filtering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;
import org.filtermx.application.internal.operations.CommitGroups;

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

    @Inject private TrainingWriter writer;

    private Function<List<ClassifierTraining.Lesson>, List<String>> write;

    private final CommitGroups<ClassifierTraining.Lesson, String> groups =
            new CommitGroups<>(
                    "training messages",
                    MAX_MESSAGES,
                    MAX_BYTES,
                    lesson -> lesson.message().length,
                    this::write);

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
        String problem = groups.submit(lesson);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** How many messages wait for a leader (for tests). */
    int queued() {
        return groups.queued();
    }

    /**
     * Learns and writes a group in one transaction: for each message, why it was left out, or null.
     */
    private List<String> write(List<ClassifierTraining.Lesson> lessons) {
        return write != null ? write.apply(lessons) : writer.learn(lessons);
    }
}
