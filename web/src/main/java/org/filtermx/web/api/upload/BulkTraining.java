package org.filtermx.web.api.upload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.Caller;
import org.filtermx.application.TrainingService;

/**
 * Trains the messages of one upload in batches, each batch one call and one transaction: up to
 * {@value #BATCH_MESSAGES} messages or {@value #BATCH_BYTES} bytes of them, so that the store is
 * written once per batch and memory holds one batch. Keeps the tally the answer reports: how many
 * were trained, which were left out and why.
 */
public final class BulkTraining {

    /**
     * Messages per transaction: enough that common tokens and 4-grams collapse (a message of the
     * SpamAssassin corpus has some 1,000 distinct 4-grams; batches of 500 write about 220 rows per
     * message, of 1,000 about 160), few enough to hold the write lock briefly.
     */
    public static final int BATCH_MESSAGES = 1000;

    /** Bytes of messages per transaction, so that a batch of large messages stays small. */
    public static final int BATCH_BYTES = 16 * 1024 * 1024;

    private final TrainingService training;
    private final Caller caller;
    private final boolean spam;
    private final String domain;
    private final List<UploadedMessage> batch = new ArrayList<>();
    private long batchBytes;
    private int trained;
    private final List<Map<String, Object>> skipped = new ArrayList<>();

    public BulkTraining(TrainingService training, Caller caller, boolean spam, String domain) {
        this.training = training;
        this.caller = caller;
        this.spam = spam;
        this.domain = domain;
    }

    /** Adds one message of the upload; trains the batch when it is full. */
    public void add(UploadedMessage message) {
        if (message.problem() != null) {
            skip(message.index(), message.problem());
            return;
        }
        if (!batch.isEmpty()
                && (batch.size() >= BATCH_MESSAGES
                        || batchBytes + message.content().length > BATCH_BYTES)) {
            flush();
        }
        batch.add(message);
        batchBytes += message.content().length;
    }

    /** Trains what is pending. */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> contents = new ArrayList<>(batch.size());
        for (UploadedMessage m : batch) {
            contents.add(m.content());
        }
        List<String> problems = training.trainAll(caller, contents, spam, domain);
        for (int i = 0; i < batch.size(); i++) {
            if (problems.get(i) == null) {
                trained++;
            } else {
                skip(batch.get(i).index(), problems.get(i));
            }
        }
        batch.clear();
        batchBytes = 0;
    }

    /** The index of the first message not yet trained nor left out, for a client to resume at. */
    public int pendingFrom(int next) {
        return batch.isEmpty() ? next : batch.get(0).index();
    }

    /** The answer's tally: {@code trained} and {@code skipped} ({@code index}, {@code error}). */
    public Map<String, Object> tally() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trained", trained);
        body.put("skipped", List.copyOf(skipped));
        return body;
    }

    private void skip(int index, String problem) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        entry.put("error", problem);
        skipped.add(entry);
    }
}
