package org.filtermx.application.internal.filtering;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.filtermx.application.port.TrainingQueueStore;

/**
 * The training queue's transactions ({@link QueueDrain.Batches}), a bean of its own so that the
 * container starts and ends one transaction around each method. A batch's messages are learnt by
 * the bulk path ({@link ClassifierTraining#learnAll}: one write of the merged changes, through the
 * node's write turn) and deleted in the same transaction, so a message is learnt exactly once: a
 * crash before the commit leaves it waiting, and no other node can lock it meanwhile. Seen through
 * its own class ({@code @LocalBean}): the interface is the worker's, not a business view.
 */
@Stateless
@LocalBean
public class QueuedTrainingWriter implements QueueDrain.Batches {

    private static final Logger LOG = Logger.getLogger(QueuedTrainingWriter.class.getName());

    @Inject private TrainingQueueStore store;
    @Inject private ClassifierTraining training;

    @Override
    public TrainingQueueStore.Claim next(int maxMessages, long maxBytes) {
        return store.next(maxMessages, maxBytes);
    }

    @Override
    public QueueDrain.Outcome learn(List<Long> ids) {
        List<TrainingQueueStore.Queued> rows = store.lock(ids);
        if (rows.isEmpty()) {
            return QueueDrain.Outcome.NONE;
        }
        Map<Long, String> failed = new LinkedHashMap<>();
        List<Long> lessonIds = new ArrayList<>(rows.size());
        List<ClassifierTraining.Lesson> lessons = new ArrayList<>(rows.size());
        for (TrainingQueueStore.Queued q : rows) {
            String problem = notAMessage(q.message());
            if (problem != null) {
                failed.put(q.id(), problem);
            } else {
                lessonIds.add(q.id());
                lessons.add(new ClassifierTraining.Lesson(q.message(), q.spam(), q.scope()));
            }
        }
        // rspamd required where configured, as for the calls: if it cannot learn, the batch waits.
        List<String> errors = lessons.isEmpty() ? List.of() : training.learnAll(lessons, true);
        List<Long> learnt = new ArrayList<>(lessons.size());
        for (int i = 0; i < lessonIds.size(); i++) {
            if (errors.get(i) == null) {
                learnt.add(lessonIds.get(i));
            } else {
                failed.put(lessonIds.get(i), errors.get(i));
            }
        }
        store.remove(learnt);
        store.fail(failed, Instant.now());
        failed.forEach(
                (id, why) -> LOG.info("queued training message " + id + " not learnt: " + why));
        return new QueueDrain.Outcome(rows.size(), learnt.size(), failed.size());
    }

    @Override
    public void fail(long id, String reason) {
        if (!store.lock(List.of(id)).isEmpty()) {
            store.fail(Map.of(id, reason), Instant.now());
            LOG.warning("queued training message " + id + " not learnt: " + reason);
        }
    }

    /**
     * Why {@code message} is not a message at all, or null: its first line (after an mbox {@code
     * From } line, which the classifier is given as it came) must be a header field, a name of
     * printable US-ASCII other than colon and then a colon (RFC 5322 section 2.2). The calls learn
     * whatever they are sent; a queued body nobody waits for is checked, so that a file sent by
     * mistake shows as a failure instead of teaching the classifier its bytes.
     */
    static String notAMessage(byte[] message) {
        int start = 0;
        if (startsWith(message, 0, "From ")) {
            start = lineEnd(message, 0);
        }
        int i = start;
        while (i < message.length && message[i] > 32 && message[i] < 127 && message[i] != ':') {
            i++;
        }
        if (i > start && i < message.length && message[i] == ':') {
            return null;
        }
        return "not a message: it does not start with a header field (RFC 5322 section 2.2)";
    }

    private static boolean startsWith(byte[] b, int at, String prefix) {
        if (b.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The index after the line feed that ends the line at {@code at}, or the length. */
    private static int lineEnd(byte[] b, int at) {
        for (int i = at; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }
}
