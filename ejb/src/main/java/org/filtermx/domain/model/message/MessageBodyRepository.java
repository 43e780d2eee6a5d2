package org.filtermx.domain.model.message;

import java.time.Instant;
import java.util.Collection;

/**
 * The shared bodies of messages stored for several domains (ADR 0015). A body has no counter: it is
 * removed once no spool or quarantine part refers to it, checked in the statement that removes it.
 */
public interface MessageBodyRepository {

    /** Stores a body in the caller's transaction and returns its id. */
    long add(byte[] content, Instant createdAt);

    /** A reference to a stored body, for a part that shares it; nothing is read. */
    MessageBody reference(long id);

    /**
     * Removes those of these bodies that no part refers to any more (one statement). Two parts of
     * one body finishing at the same moment may each still see the other; {@link #removeOrphans}
     * then takes the body later.
     */
    void removeUnreferenced(Collection<Long> ids);

    /** Removes up to {@code max} bodies older than {@code before} that no part refers to. */
    int removeOrphans(Instant before, int max);
}
