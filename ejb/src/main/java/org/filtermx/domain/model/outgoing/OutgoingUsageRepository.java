package org.filtermx.domain.model.outgoing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What outgoing users sent, their open connections and their locks, in the shared database. Every
 * check-and-count takes {@link #lockUser} first, so that all nodes' decisions about one user queue
 * behind one row lock and none reads a count another is about to raise.
 */
public interface OutgoingUsageRepository {

    /** Locks the user's row until the transaction ends; false when the user is gone. */
    boolean lockUser(long userId);

    /** Messages and recipients counted for {@code identity} since {@code since}. */
    Usage usage(long userId, String identity, Instant since);

    /** Adds to the count of {@code identity} in the minute that starts at {@code minute}. */
    void count(long userId, String identity, Instant minute, int messages, int recipients);

    /** The user's connections opened since {@code since} and still open, on every node. */
    int openSessions(long userId, Instant since);

    /** Whether the session holds a slot already. */
    boolean holdsSession(String node, String sessionId);

    void openSession(String node, String sessionId, long userId, Instant now);

    /** Gives back the session's slot, if it holds one. */
    void closeSession(String node, String sessionId);

    /**
     * Forgets the slots of {@code node} (it restarted; null: none) and those older than {@code
     * before}.
     */
    int clearSessions(String node, Instant before);

    /** Deletes counts older than {@code before}; how many rows. */
    int purgeUsage(Instant before);

    Optional<OutgoingLock> findLock(long userId, String identity);

    List<OutgoingLock> locks(long userId);

    /** The users among {@code userIds} with at least one lock. */
    Set<Long> locked(Collection<Long> userIds);

    void addLock(OutgoingLock lock);

    /** Removes one lock, or all of a user's when {@code identity} is null; how many. */
    int removeLocks(long userId, String identity);

    /** A count of messages and recipients. */
    record Usage(long messages, long recipients) {}
}
