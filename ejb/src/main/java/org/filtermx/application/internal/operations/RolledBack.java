package org.filtermx.application.internal.operations;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Transactions the database rolled back as a whole and that can simply be run again (ADR 0053): a
 * deadlock victim (MariaDB error 1213, SQLSTATE 40001), and on Galera a write set that lost
 * certification against another node's at commit, or a local transaction aborted by a replicated
 * one, which MariaDB reports as the same deadlock. At commit it reaches the caller as the
 * transaction manager's {@link RollbackException}: the commit did not happen. A lost connection is
 * not one of them: a commit cut off midway may have happened, and running it again would store the
 * work twice.
 */
public final class RolledBack {

    private static final Logger LOG = Logger.getLogger(RolledBack.class.getName());

    /** MariaDB's ER_LOCK_DEADLOCK, also Galera's certification failure and brute-force abort. */
    static final int DEADLOCK = 1213;

    /** How many times a rolled-back transaction is run in all. */
    public static final int ATTEMPTS = 3;

    private RolledBack() {}

    /** Whether {@code failure}, or one of its causes, says the transaction was rolled back. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RollbackException || t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == DEADLOCK)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code transaction} (which must begin and end its own transaction), again while it fails
     * as rolled back, {@link #ATTEMPTS} times in all; any other failure, or the last, is thrown.
     */
    public static <T> T retried(String what, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !is(e)) {
                    throw e;
                }
                LOG.info(what + " was rolled back by the database (" + e + "); running it again");
            }
        }
    }
}
