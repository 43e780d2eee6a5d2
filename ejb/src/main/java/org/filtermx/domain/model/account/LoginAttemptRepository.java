package org.filtermx.domain.model.account;

import java.time.Instant;

/**
 * The login attempt counts of all nodes, in the shared database: a subject's count is locked for
 * the rest of the transaction while it is read and written, so counting is atomic across nodes.
 */
public interface LoginAttemptRepository {

    /** The subject's count, locked until the transaction ends; created empty when absent. */
    LoginAttempts lock(String subject, Instant now);

    void save(String subject, LoginAttempts attempts);

    void remove(String subject);

    /**
     * Deletes the counts that tell nothing any more at {@code now} ({@link LoginAttempts#expired});
     * how many.
     */
    int purge(Instant now);
}
