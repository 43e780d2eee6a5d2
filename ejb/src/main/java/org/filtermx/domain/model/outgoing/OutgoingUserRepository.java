package org.filtermx.domain.model.outgoing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Outgoing users and the address ranges of IP users. */
public interface OutgoingUserRepository {

    void add(OutgoingUser user);

    void remove(OutgoingUser user);

    /** Writes pending changes, so that a new user has its id. */
    void flush();

    Optional<OutgoingUser> findById(long id);

    /** The user that logs in as {@code loginName} (lower case). */
    Optional<OutgoingUser> findByLogin(String loginName);

    /** The users of the given domains, by id. */
    List<OutgoingUser> findByDomains(Collection<Long> domainIds);

    /** The ranges of the given users, by user id, each in the order written. */
    Map<Long, List<String>> ranges(Collection<Long> userIds);

    /** Replaces an IP user's ranges. */
    void replaceRanges(long userId, List<IpRange> ranges);

    /** The range of another user than {@code userId} that shares an address with {@code range}. */
    Optional<String> overlapping(IpRange range, long userId);

    /**
     * The IP user whose range holds the address with this key ({@link IpRange#key}); the most
     * specific range when several do.
     */
    Optional<Long> findByAddressKey(String key);
}
