package org.filtermx.application.internal.filtering;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.util.List;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.TrainingQueueStore;

/**
 * One step of a node's work on the training queue: takes the oldest waiting messages nobody else is
 * learning (up to {@value #BATCH_MESSAGES}, {@value #BATCH_BYTES} bytes) and has them learnt in one
 * transaction. A batch that fails as a whole for a reason that will pass (the database, rspamd, the
 * write turn) stays queued and the step says to stop; one that fails for any other reason is split
 * in halves, each tried on its own, down to the single message at fault, which is marked failed:
 * one bad message never blocks the queue, and costs about log2(1,000) = 10 extra transactions.
 */
final class QueueDrain {

    /** Messages per transaction, as the bulk uploads ({@code BulkTraining}). */
    static final int BATCH_MESSAGES = 1000;

    /** Bytes of messages per transaction (past the first message). */
    static final long BATCH_BYTES = 16L * 1024 * 1024;

    /** The transactions a step needs, each its own. */
    interface Batches {

        /** The ids of the oldest waiting messages nobody has locked, and whether more wait. */
        TrainingQueueStore.Claim next(int maxMessages, long maxBytes);

        /**
         * Locks those of {@code ids} still waiting and free, learns them and removes them (or marks
         * the unreadable ones failed), all in one transaction; throws when it rolled back.
         */
        Outcome learn(List<Long> ids);

        /** Marks one message failed, in its own transaction, unless another node holds it. */
        void fail(long id, String reason);
    }

    /** What one transaction did: messages locked, learnt and marked failed. */
    record Outcome(int locked, int learnt, int failed) {

        static final Outcome NONE = new Outcome(0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(locked + o.locked, learnt + o.learnt, failed + o.failed);
        }
    }

    /** How a step ended. */
    enum Result {
        /** A full batch was learnt: more waits. */
        FULL,
        /** Fewer than a full batch: the queue is drained for now. */
        PARTIAL,
        /** Nothing waits that another node is not already learning. */
        DONE
    }

    private final Batches batches;

    QueueDrain(Batches batches) {
        this.batches = batches;
    }

    /**
     * Learns one batch: {@link Result#FULL} when it took as many messages (or bytes) as a batch
     * holds, {@link Result#PARTIAL} when fewer, {@link Result#DONE} when none.
     *
     * @throws RuntimeException a failure that will pass ({@link #temporary}): the batch stays
     *     queued, to be tried again later
     */
    Result step() {
        TrainingQueueStore.Claim claim = batches.next(BATCH_MESSAGES, BATCH_BYTES);
        List<Long> ids = claim.ids();
        if (ids.isEmpty()) {
            return Result.DONE;
        }
        int locked = learnInParts(ids).locked();
        if (locked == 0) {
            // Another node took them between the two transactions.
            return Result.DONE;
        }
        return claim.more() ? Result.FULL : Result.PARTIAL;
    }

    private Outcome learnInParts(List<Long> ids) {
        try {
            return batches.learn(ids);
        } catch (RuntimeException e) {
            if (temporary(e)) {
                throw e;
            }
            if (ids.size() == 1) {
                batches.fail(ids.get(0), reason(e));
                return new Outcome(1, 0, 1);
            }
            int half = ids.size() / 2;
            return learnInParts(ids.subList(0, half))
                    .plus(learnInParts(ids.subList(half, ids.size())));
        }
    }

    /**
     * Whether a failure will pass: {@link TemporaryFailure} (rspamd could not learn), or the
     * database or a connection in the cause chain (a lock wait, the write turn, an outage), as the
     * API's error mapping judges it. Nothing of a message's content reaches SQL but its bytes, so
     * an SQL failure is never the message's fault.
     */
    static boolean temporary(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TemporaryFailure
                    || e instanceof SQLException
                    || e instanceof ResourceException) {
                return true;
            }
        }
        return false;
    }

    /** The failure's own message, without the container's wrapping. */
    static String reason(Throwable t) {
        Throwable e = t instanceof EJBException && t.getCause() != null ? t.getCause() : t;
        String message = e.getMessage();
        return "not learnt: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
