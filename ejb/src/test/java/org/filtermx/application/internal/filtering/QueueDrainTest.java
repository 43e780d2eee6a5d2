package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.TrainingQueueStore;
import org.junit.jupiter.api.Test;

/**
 * The worker's step over a queue kept in memory as the database would keep it: the oldest messages
 * first in batches of at most {@value QueueDrain#BATCH_MESSAGES}; rows another node holds are left
 * to it; a batch that fails for a reason of its own is split down to the message at fault, which
 * alone is marked failed; a failure that will pass leaves everything queued.
 */
class QueueDrainTest {

    /** Waiting ids, in order. */
    private final TreeMap<Long, String> waiting = new TreeMap<>();

    private final Map<Long, String> failed = new LinkedHashMap<>();
    private final List<Long> learnt = new ArrayList<>();
    private final List<Integer> transactions = new ArrayList<>();

    /** Ids another node has locked. */
    private Set<Long> lockedElsewhere = Set.of();

    /** An id whose batch fails as a whole (a fault in its learning, not its reading). */
    private long poison = -1;

    private RuntimeException outage;

    private final QueueDrain.Batches batches =
            new QueueDrain.Batches() {
                @Override
                public TrainingQueueStore.Claim next(int maxMessages, long maxBytes) {
                    List<Long> free =
                            waiting.keySet().stream()
                                    .filter(id -> !lockedElsewhere.contains(id))
                                    .limit(maxMessages + 1)
                                    .toList();
                    return new TrainingQueueStore.Claim(
                            free.subList(0, Math.min(maxMessages, free.size())),
                            free.size() > maxMessages);
                }

                @Override
                public QueueDrain.Outcome learn(List<Long> ids) {
                    transactions.add(ids.size());
                    List<Long> locked =
                            ids.stream()
                                    .filter(waiting::containsKey)
                                    .filter(id -> !lockedElsewhere.contains(id))
                                    .toList();
                    if (outage != null) {
                        throw outage;
                    }
                    if (locked.contains(poison)) {
                        // As the container reports a fault that rolled the transaction back.
                        throw new EJBException(new IllegalStateException("weights went NaN"));
                    }
                    int bad = 0;
                    for (long id : locked) {
                        String body = waiting.remove(id);
                        if (QueuedTrainingWriter.notAMessage(bytes(body)) != null) {
                            failed.put(id, "not a message");
                            bad++;
                        } else {
                            learnt.add(id);
                        }
                    }
                    return new QueueDrain.Outcome(locked.size(), locked.size() - bad, bad);
                }

                @Override
                public void fail(long id, String reason) {
                    waiting.remove(id);
                    failed.put(id, reason);
                }
            };

    private final QueueDrain drain = new QueueDrain(batches);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void queue(int n) {
        long first = waiting.isEmpty() ? 1 : waiting.lastKey() + 1;
        for (long id = first; id < first + n; id++) {
            waiting.put(id, "Subject: message " + id + "\r\n\r\nhello");
        }
    }

    private int drainAll() {
        int steps = 0;
        QueueDrain.Result result;
        do {
            result = drain.step();
            steps += result == QueueDrain.Result.DONE ? 0 : 1;
        } while (result != QueueDrain.Result.DONE);
        return steps;
    }

    @Test
    void learnsTheOldestFirstInBatchesOfAThousand() {
        queue(2_500);
        assertThat(drain.step()).isEqualTo(QueueDrain.Result.FULL);
        assertThat(drain.step()).isEqualTo(QueueDrain.Result.FULL);
        assertThat(drain.step())
                .as("the last batch is not full")
                .isEqualTo(QueueDrain.Result.PARTIAL);
        assertThat(transactions).containsExactly(1000, 1000, 500);
        assertThat(learnt).hasSize(2_500).isSorted();
        assertThat(waiting).isEmpty();
        assertThat(drain.step()).isEqualTo(QueueDrain.Result.DONE);
    }

    @Test
    void anUnreadableMessageIsMarkedFailedInItsBatch() {
        queue(10);
        waiting.put(5L, "\u0000\u0001binary garbage, no header");
        drainAll();
        assertThat(transactions).containsExactly(10);
        assertThat(failed).containsOnlyKeys(5L);
        assertThat(learnt).hasSize(9);
    }

    @Test
    void aBatchThatFailsIsSplitDownToTheMessageAtFault() {
        queue(1_000);
        poison = 700;
        drainAll();
        assertThat(failed).containsOnlyKeys(700L);
        assertThat(failed.get(700L)).isEqualTo("not learnt: weights went NaN");
        assertThat(learnt).hasSize(999).doesNotContain(700L);
        // The whole batch, then halves and quarters down to one: about log2(1000) more tries.
        assertThat(transactions.size()).isBetween(10, 25);
        assertThat(waiting).isEmpty();
    }

    @Test
    void aFailureThatWillPassLeavesEverythingQueued() {
        queue(20);
        outage =
                new EJBException(
                        new RuntimeException(
                                "cannot write training",
                                new SQLTransientException("lock wait timed out")));
        assertThatThrownBy(drain::step).isSameAs(outage);
        assertThat(transactions).containsExactly(20);
        assertThat(waiting).hasSize(20);
        assertThat(failed).isEmpty();

        outage = new TemporaryFailure("rspamd could not learn", null);
        assertThatThrownBy(drain::step).isSameAs(outage);
        assertThat(failed).isEmpty();

        outage = null;
        drainAll();
        assertThat(learnt).hasSize(20);
    }

    @Test
    void rowsAnotherNodeHoldsAreLeftToIt() {
        queue(5);
        lockedElsewhere = Set.of(1L, 2L, 3L, 4L, 5L);
        assertThat(drain.step()).isEqualTo(QueueDrain.Result.DONE);
        assertThat(transactions).isEmpty();
        // Taken by the other node between this node's claim and its lock: nothing to do here.
        lockedElsewhere = Set.of();
        QueueDrain.Batches racing =
                new QueueDrain.Batches() {
                    @Override
                    public TrainingQueueStore.Claim next(int maxMessages, long maxBytes) {
                        return new TrainingQueueStore.Claim(List.of(1L, 2L), false);
                    }

                    @Override
                    public QueueDrain.Outcome learn(List<Long> ids) {
                        return QueueDrain.Outcome.NONE;
                    }

                    @Override
                    public void fail(long id, String reason) {
                        throw new AssertionError("nothing failed");
                    }
                };
        assertThat(new QueueDrain(racing).step()).isEqualTo(QueueDrain.Result.DONE);
    }

    @Test
    void aMessageStartsWithAHeaderField() {
        assertThat(QueuedTrainingWriter.notAMessage(bytes("Subject: hi\r\n\r\nbody"))).isNull();
        assertThat(QueuedTrainingWriter.notAMessage(bytes("X-Odd_Name!: v\n\nbody"))).isNull();
        assertThat(
                        QueuedTrainingWriter.notAMessage(
                                bytes("From someone@example.com Thu Dec 3 2026\nReceived: x\n")))
                .isNull();
        assertThat(QueuedTrainingWriter.notAMessage(bytes("just some text\r\n")))
                .contains("RFC 5322 section 2.2");
        assertThat(QueuedTrainingWriter.notAMessage(bytes(": no name"))).isNotNull();
        assertThat(QueuedTrainingWriter.notAMessage(bytes("\r\nSubject: late"))).isNotNull();
        assertThat(QueuedTrainingWriter.notAMessage(bytes("Subject"))).isNotNull();
        assertThat(QueuedTrainingWriter.notAMessage(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .isNotNull();
        assertThat(QueuedTrainingWriter.notAMessage(bytes("From x\n"))).isNotNull();
    }
}
