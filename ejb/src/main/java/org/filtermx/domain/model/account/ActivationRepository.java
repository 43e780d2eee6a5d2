package org.filtermx.domain.model.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Email users made by auto-enable (ADR 0025): when their first report is due, and whether their
 * welcome mail is still to be sent. Every write is idempotent or claims a row atomically, so racing
 * messages and nodes make one user and send one welcome.
 */
public interface ActivationRepository {

    /** An activated user whose welcome mail this transaction has claimed. */
    record Activation(String address, String domain, Instant reportsFrom) {}

    /** The id of hosted domain {@code name} if it has auto-enable on, read from the database. */
    OptionalLong autoEnableDomain(String name);

    /** Those of {@code addresses} that are email users already. */
    Set<String> existing(Collection<String> addresses);

    /**
     * Makes each address an email user of the domain with daily HTML reports, none before {@code
     * reportsFrom}, and its welcome mail due; an address that is a user already (or becomes one in
     * a racing transaction) is left as it is. Statements go in address order, so two transactions
     * never wait for each other's rows in opposite orders.
     */
    void activate(long domainId, List<String> addresses, Instant now, Instant reportsFrom);

    /**
     * Claims {@code address}'s pending welcome: marks it sent at {@code now} and returns it, or
     * empty when there is none pending (sent already, or claimed by a racing transaction, which
     * holds the row until it ends).
     */
    Optional<Activation> claimWelcome(String address, Instant now);

    /** Addresses whose welcome was due before {@code dueBefore} and is not sent, oldest first. */
    List<String> pendingWelcomes(Instant dueBefore, int limit);
}
