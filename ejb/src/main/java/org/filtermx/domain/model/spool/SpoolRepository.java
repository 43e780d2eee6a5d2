package org.filtermx.domain.model.spool;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.message.StoredContent;

/** The durable spool every node shares. */
public interface SpoolRepository {

    /**
     * Stores a new message, its bytes and its recipients in the caller's transaction. Content that
     * shares a stored body is kept as a reference to it. {@code dsnWithheld} says why no DSN may be
     * sent to the sender if delivery fails (null: one may).
     */
    SpooledMessage add(SpooledMessage message, StoredContent content, String dsnWithheld);

    /** A new message with its bytes and why no DSN may be sent for it (null: one may). */
    record NewMessage(SpooledMessage message, StoredContent content, String dsnWithheld) {}

    /**
     * Stores several new messages as {@link #add} does, in the caller's transaction; an
     * implementation may write them together (the group commit of received mail, ADR 0041).
     */
    default void addAll(List<NewMessage> messages) {
        for (NewMessage m : messages) {
            add(m.message(), m.content(), m.dsnWithheld());
        }
    }

    /** Why no DSN may be sent for this message, if so decided when it was spooled. */
    Optional<String> dsnWithheld(long spoolId);

    /** The message with its recipients (read when first asked for). */
    Optional<SpooledMessage> find(long id);

    /** The message's bytes, its shared body read with it. */
    StoredContent contentOf(long spoolId);

    /**
     * Removes finished messages with their own bytes and recipients, in one statement; a shared
     * body stays for the caller to remove once unreferenced.
     */
    void removeAll(Collection<Long> spoolIds);

    /** Ids of queued messages whose next attempt is due and that no node holds. */
    List<Long> findDue(Instant now, int max);

    /**
     * Takes the delivery lease on a message for {@code owner} until {@code until}; false when
     * another node holds it or it is no longer queued.
     */
    boolean claim(long id, String owner, Instant now, Instant until);

    /** Frees the leases {@code owner} holds on these messages. */
    int releaseLeases(Collection<Long> ids, String owner);

    /** Frees the leases a node held before it restarted. */
    int releaseLeasesOf(String owner);
}
