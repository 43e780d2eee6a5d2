package org.filtermx.domain.model.quarantine;

import java.util.List;

/**
 * The quarantine as IMAP folders read it: ids and per-login flags straight from indexes, message
 * bytes only for the few a client fetches at a time. Every read takes the folder's {@link
 * MailboxScope}, so an id outside it is simply absent.
 */
public interface QuarantineMailboxRepository {

    /** The UIDVALIDITY of every folder: made once with the database, never changed. */
    long uidValidity();

    /** The highest id any held message has had so far (0 when none), for UIDNEXT. */
    long highestId();

    /** Every message of the folder, ids ascending, with {@code login}'s flags. */
    MailboxIndex index(MailboxScope scope, String login);

    /** Those of {@code ids} that are in the folder, ids ascending, with {@code login}'s flags. */
    MailboxIndex index(MailboxScope scope, String login, long[] ids);

    /** Those of {@code ids} that are in the folder, with their bytes, in no particular order. */
    List<MailboxMessage> messages(MailboxScope scope, String login, long[] ids);

    /**
     * Those of {@code ids} that are in the folder with only the first {@code prefix} octets of
     * their bytes (enough for the header section of nearly every message), in no particular order.
     */
    List<MailboxMessage> heads(MailboxScope scope, String login, long[] ids, int prefix);

    /** Sets {@code login}'s flags of message {@code id} (0 forgets them). */
    void setFlags(String login, long id, int flags);
}
