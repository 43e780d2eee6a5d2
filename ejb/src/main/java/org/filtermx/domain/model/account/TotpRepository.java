package org.filtermx.domain.model.account;

import java.util.Optional;

/** The second-factor secrets of accounts. */
public interface TotpRepository {

    /** An account's second factor: its secret, whether it is confirmed, the last step used. */
    record State(String secret, boolean confirmed, long lastStep) {}

    Optional<State> find(long accountId);

    /** Starts (or restarts) setting it up with a new, unconfirmed secret. */
    void start(long accountId, String secret);

    /** Confirms it, recording the step of the confirming code. */
    void confirm(long accountId, long step);

    /**
     * Records {@code step} as used if it is newer than the last one used; false when another login
     * used it (or a newer one) first, on any node.
     */
    boolean use(long accountId, long step);

    void remove(long accountId);
}
