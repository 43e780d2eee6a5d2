package org.filtermx.domain.model.quarantine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores held messages, finds them within a caller's bounds, and keeps the audit trail. */
public interface QuarantineRepository {

    /** Stores a held message with one recipient row per recipient. */
    void add(QuarantinedMessage message);

    Optional<QuarantinedMessage> find(long id);

    /**
     * The message, locked against concurrent actions until the transaction ends (every node
     * releasing the same message queues behind this lock), or empty when it is gone.
     */
    Optional<QuarantinedMessage> lock(long id);

    List<HeldRecipient> recipientsOf(long id);

    /** Marks one recipient released; false when it already was (or is not a recipient). */
    boolean markReleased(long id, String address, Instant when);

    /** How many recipients the message is still held for, read from the database. */
    long stillHeldFor(long id);

    /** Takes one recipient off a message held for several. */
    void removeRecipient(long id, String address);

    void remove(QuarantinedMessage message);

    List<QuarantineSummary> search(QuarantineQuery query);

    /**
     * Messages whose retention ended by {@code now}, oldest first, at most {@code max}, locked
     * until the transaction ends (a node expiring the same batch at once waits, then finds them
     * gone).
     */
    List<QuarantineSummary> lockExpired(Instant now, int max);

    /** Removes these messages and their recipient rows. */
    void removeAll(List<Long> ids);

    void audit(QuarantineAuditEntry entry);

    List<QuarantineAuditEntry> auditOf(long id);
}
