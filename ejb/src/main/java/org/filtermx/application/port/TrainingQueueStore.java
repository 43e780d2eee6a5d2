package org.filtermx.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The durable training queue (table {@code training_queue}, V31): messages a caller asked to have
 * learnt later, shared by every node, and the queue's size kept in one row ({@code
 * training_queue_size}) that the cap is checked against.
 */
public interface TrainingQueueStore {

    /** The ids of a batch to learn, and whether more messages wait behind them. */
    record Claim(List<Long> ids, boolean more) {}

    /** A waiting message, locked for the caller's transaction. */
    record Queued(long id, boolean spam, String scope, byte[] message) {}

    /** A message that could not be learnt, kept for inspection. */
    record Failure(
            long id,
            boolean spam,
            String scope,
            String queuedBy,
            Instant queuedAt,
            Instant failedAt,
            String error) {}

    /** What the queue holds: waiting and failed messages, and when the oldest waiting one came. */
    record Figures(long waiting, long failed, Instant oldestWaiting) {}

    /**
     * Adds a message in the caller's transaction and takes its room in the size row, which stays
     * locked until the transaction ends; returns its id.
     *
     * @throws org.filtermx.application.TrainingQueueFull when the queue holds {@code maxMessages}
     *     messages, or the message would take it past {@code maxBytes}; the transaction rolls back
     */
    long add(
            boolean spam,
            String scope,
            String queuedBy,
            Instant now,
            byte[] message,
            long maxMessages,
            long maxBytes);

    /**
     * The ids of the oldest waiting messages no other transaction has locked, at most {@code
     * maxMessages} and, past the first, {@code maxBytes} of messages together: a suggestion for
     * {@link #lock}, which decides; {@code more} when free messages wait beyond these.
     */
    Claim next(int maxMessages, long maxBytes);

    /**
     * Locks and reads those of {@code ids} still waiting that no other transaction has locked
     * ({@code FOR UPDATE SKIP LOCKED}), in id order; the others are left out.
     */
    List<Queued> lock(List<Long> ids);

    /** Deletes learnt messages (locked by {@link #lock}) and gives back their room. */
    void remove(List<Long> ids);

    /**
     * Moves locked messages to the failed ones, each with its reason; they keep their room until
     * purged.
     */
    void fail(Map<Long, String> errors, Instant now);

    /** Deletes up to {@code max} messages that failed before {@code before}; returns how many. */
    int purgeFailed(Instant before, int max);

    /** Counts the queue. */
    Figures figures();

    /** The latest failures, newest first, at most {@code max}. */
    List<Failure> failures(int max);
}
