package org.filtermx.infrastructure.filter.bayes;

import java.util.function.Consumer;

/**
 * The end of the caller's transaction, as {@link CachedWeightStore} needs it: which transaction a
 * write belongs to, and code to run once it has committed or rolled back. In the container it is
 * the transaction synchronization registry; on a data source in auto-commit every write is its own
 * transaction, ended as soon as it is written ({@link #AUTO_COMMIT}).
 */
public interface TransactionEnd {

    /** No transaction: each write has committed when it returns. */
    TransactionEnd AUTO_COMMIT =
            new TransactionEnd() {
                @Override
                public Object current() {
                    return null;
                }

                @Override
                public void whenEnded(Consumer<Boolean> then) {
                    then.accept(true);
                }
            };

    /** The caller's transaction, or null outside one. */
    Object current();

    /**
     * Calls {@code then} with true once the caller's transaction has committed, with false once it
     * rolled back (or could no longer commit); at once with true outside a transaction.
     */
    void whenEnded(Consumer<Boolean> then);
}
