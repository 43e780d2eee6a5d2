package org.filtermx.domain.model.account;

import java.util.List;
import java.util.Optional;

/** Stores email users. */
public interface EmailUserRepository {

    Optional<EmailUser> findByAddress(String address);

    /** A domain's users in address order after {@code after} (null: from the first). */
    List<EmailUser> list(long domainId, String after, int limit);

    List<String> addressesOf(long domainId);

    void add(EmailUser user);

    void remove(EmailUser user);
}
