package org.filtermx.domain.model.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * The keys that sign release links (ADR 0018): the highest id signs, retired ones still verify
 * links for messages held before they were retired. Stored sealed; this interface sees them open.
 */
public interface ReleaseKeyRepository {

    /**
     * One key. {@code heldBefore} is null while it is current; once retired, it verifies links only
     * for held messages with an id below it (those that existed when it was retired).
     */
    record ReleaseKey(int id, byte[] secret, Long heldBefore) {
        public boolean covers(long quarantineId) {
            return heldBefore == null || quarantineId < heldBefore;
        }
    }

    /** The highest key id (0 when there is none): the revision that per-node caches follow. */
    int currentId();

    List<ReleaseKey> findAll();

    /**
     * Adds key {@code id}; fails (a persistence exception) when another rotation added that id
     * first, so two rotations never both win.
     */
    void add(int id, byte[] secret, Instant createdAt);

    /**
     * Retires every key below {@code id} not yet retired, at {@code at}: from now on they verify
     * links only for the messages held so far.
     */
    void retireBelow(int id, Instant at);

    /** Deletes every key below {@code id}; returns how many. */
    int deleteBelow(int id);
}
