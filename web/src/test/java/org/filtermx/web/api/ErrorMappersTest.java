package org.filtermx.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.transaction.RollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures the API answers 503, so that the client repeats the request. */
class ErrorMappersTest {

    @Test
    void aCommitTheDatabaseRefusedIsTemporary() {
        // A Galera certification failure at commit, as the container reports it (ADR 0053).
        assertThat(
                        ErrorMappers.temporary(
                                new EJBTransactionRolledbackException(
                                        "commit failed",
                                        new RollbackException(
                                                "ARJUNA016053: Could not commit transaction."))))
                .isTrue();
    }

    @Test
    void aLostDatabaseIsTemporaryAndAProgrammingErrorIsNot() {
        assertThat(
                        ErrorMappers.temporary(
                                new EJBException(new SQLTransientConnectionException("gone"))))
                .isTrue();
        assertThat(ErrorMappers.temporary(new EJBException(new NullPointerException()))).isFalse();
    }
}
