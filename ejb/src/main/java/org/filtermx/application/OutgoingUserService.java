package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * Outgoing users of hosted domains (docs/customer-guide.md, "Outgoing users"): who may send through
 * the submission ports, with its limits and locks, managed by whoever manages the domain.
 */
public interface OutgoingUserService {

    /** Most entries one list answers with. */
    int MAX_LIST = 1000;

    /** A lock: {@code identity} empty for the whole account, else one sender of a smarthost. */
    record LockEntry(String identity, Instant lockedAt, String reason) {}

    /**
     * An outgoing user as shown: {@code kind} USERNAME or IP; {@code smarthostIdentity} empty for
     * an ordinary account, else {@code mail-from} or {@code header:<Field-Name>}; limits of 0 are
     * unlimited.
     */
    record OutgoingUserEntry(
            long id,
            String domain,
            String kind,
            String username,
            List<String> ranges,
            String smarthostIdentity,
            int messagesPerHour,
            int recipientsPerHour,
            int connections,
            boolean autoLock,
            boolean locked,
            List<LockEntry> locks,
            Instant createdAt) {}

    /**
     * Settings to change; a null leaves one as it is. {@code ip} replaces all ranges of an IP user
     * (addresses or CIDR ranges, separated by commas or spaces); {@code smarthostIdentity} empty
     * turns smarthost mode off.
     */
    record Settings(
            String password,
            String ip,
            Integer messagesPerHour,
            Integer recipientsPerHour,
            Integer connections,
            Boolean autoLock,
            String smarthostIdentity) {

        public static final Settings NONE = new Settings(null, null, null, null, null, null, null);
    }

    /**
     * Adds a user of {@code domain}: with {@code username} (an address in the domain, or its local
     * part) and a password in {@code settings}, or with {@code settings.ip()} and no user name.
     */
    OutgoingUserEntry add(Caller caller, String domain, String username, Settings settings);

    /**
     * The users the caller manages, of {@code domain} (null: of all its domains), only the locked
     * ones when {@code lockedOnly}; at most {@value #MAX_LIST}, by id.
     */
    List<OutgoingUserEntry> list(Caller caller, String domain, boolean lockedOnly);

    OutgoingUserEntry get(Caller caller, long id);

    OutgoingUserEntry change(Caller caller, long id, Settings settings);

    void remove(Caller caller, long id);

    /**
     * Locks the user by hand ({@code identity} null or empty: the whole account), as the automatic
     * lock does after spam; a lock that exists stays as it is.
     */
    OutgoingUserEntry lock(Caller caller, long id, String identity, String reason);

    /**
     * Lifts the lock of {@code identity} (null: every lock of the user). A domain login may do so
     * once per UTC day (the self-service unlock, ADR 0045); after that it gets {@link
     * org.filtermx.application.Forbidden} and its reseller or an administrator decides.
     */
    OutgoingUserEntry unlock(Caller caller, long id, String identity);
}
