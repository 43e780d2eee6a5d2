package org.filtermx.application.internal.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which failures are transactions the database rolled back, as MariaDB and Galera report them
 * through JDBC, JPA and the container, and how often such a transaction is run.
 */
class RolledBackTest {

    private static final SQLException DEADLOCK =
            new SQLException(
                    "Deadlock found when trying to get lock; try restarting transaction",
                    "40001",
                    1213);

    @Test
    void aDeadlockOrCertificationFailureAtAStatementIsRolledBack() {
        assertThat(RolledBack.is(new EJBException(new IllegalStateException(DEADLOCK)))).isTrue();
        assertThat(RolledBack.is(new SQLException("deadlock", "HY000", 1213))).isTrue();
    }

    @Test
    void aCommitTheTransactionManagerRolledBackIsRolledBack() {
        // What a Galera certification failure at commit reaches the caller as (measured).
        assertThat(
                        RolledBack.is(
                                new EJBTransactionRolledbackException(
                                        "commit failed",
                                        new RollbackException(
                                                "ARJUNA016053: Could not commit transaction."))))
                .isTrue();
    }

    @Test
    void aLostConnectionOrOtherFailureIsNot() {
        // A commit cut off by a lost connection may have happened: not run again.
        assertThat(
                        RolledBack.is(
                                new EJBException(
                                        new SQLTransientConnectionException(
                                                "Driver has reconnect connection after a"
                                                        + " communications link failure",
                                                "25S03"))))
                .isFalse();
        assertThat(RolledBack.is(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
        assertThat(RolledBack.is(new IllegalStateException("bad data"))).isFalse();
    }

    @Test
    void aRolledBackTransactionRunsAgainUpToThreeTimesInAll() {
        AtomicInteger runs = new AtomicInteger();
        assertThat(
                        RolledBack.retried(
                                "test",
                                () -> {
                                    if (runs.incrementAndGet() < 3) {
                                        throw new EJBException(DEADLOCK);
                                    }
                                    return "done";
                                }))
                .isEqualTo("done");
        assertThat(runs).hasValue(3);

        runs.set(0);
        assertThatThrownBy(
                        () ->
                                RolledBack.retried(
                                        "test",
                                        () -> {
                                            runs.incrementAndGet();
                                            throw new EJBException(DEADLOCK);
                                        }))
                .isInstanceOf(EJBException.class);
        assertThat(runs).hasValue(RolledBack.ATTEMPTS);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                RolledBack.retried(
                                        "test",
                                        () -> {
                                            runs.incrementAndGet();
                                            throw new IllegalStateException("bad data");
                                        }))
                .hasMessage("bad data");
        assertThat(runs).hasValue(1);
    }
}
