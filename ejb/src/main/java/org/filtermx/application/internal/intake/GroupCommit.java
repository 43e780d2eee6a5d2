package org.filtermx.application.internal.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.filtermx.application.internal.operations.CommitGroups;

/**
 * Makes the messages of several SMTP sessions durable in one transaction (ADR 0041, {@link
 * CommitGroups}). Each session that has a message to store queues it; one of them, the leader,
 * takes everything queued, stores it with {@link MessageStore#store} in one transaction and wakes
 * the others, whose messages are then durable. Messages that arrive meanwhile wait for the next
 * leader, so a busy node commits several messages per transaction and a quiet one commits each at
 * once: nothing waits on a timer.
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

    @Inject private MessageStore store;

    private final CommitGroups<List<MessageStore.Item>, Void> groups =
            new CommitGroups<>(
                    "messages", MAX_MESSAGES, MAX_BYTES, GroupCommit::bytes, this::storeAll);

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
        groups.submit(items);
    }

    /** How many messages wait for a leader (for tests). */
    int queued() {
        return groups.queued();
    }

    /** The messages of one group, stored in one transaction. */
    private List<Void> storeAll(List<List<MessageStore.Item>> messages) {
        List<MessageStore.Item> all = new ArrayList<>();
        for (List<MessageStore.Item> items : messages) {
            all.addAll(items);
        }
        store.store(all);
        return Collections.nCopies(messages.size(), null);
    }

    private static long bytes(List<MessageStore.Item> items) {
        long size = 0;
        for (MessageStore.Item item : items) {
            size += item.content().size();
        }
        return size;
    }
}
