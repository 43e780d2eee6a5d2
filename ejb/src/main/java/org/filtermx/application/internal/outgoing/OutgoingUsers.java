package org.filtermx.application.internal.outgoing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.outgoing.IpRange;
import org.filtermx.domain.model.outgoing.OutgoingLock;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;
import org.filtermx.domain.model.outgoing.OutgoingUser;
import org.filtermx.domain.model.outgoing.OutgoingUserRepository;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Finds the outgoing user of a submission session and says how to name it and whom to contact about
 * it; runs in the caller's transaction.
 */
@ApplicationScoped
class OutgoingUsers {

    /** Longest lock reason kept (the column's width). */
    static final int MAX_REASON = 500;

    @Inject private OutgoingUserRepository users;
    @Inject private OutgoingUsageRepository usage;
    @Inject private DomainRepository domains;
    @Inject private InstallationSettings settings;

    /**
     * The session's user: the one it authenticated as, else the IP user whose range holds the
     * client's address.
     */
    Optional<OutgoingUser> of(SmtpSession session) {
        if (session.authenticatedUser() != null) {
            return byLogin(session.authenticatedUser());
        }
        return IpRange.key(session.clientAddress())
                .flatMap(users::findByAddressKey)
                .flatMap(users::findById);
    }

    Optional<OutgoingUser> byLogin(String login) {
        return users.findByLogin(login);
    }

    Optional<OutgoingUser> byId(long id) {
        return users.findById(id);
    }

    /** How people see the user: its login name, or its first range and how many more. */
    String name(OutgoingUser user) {
        if (user.loginName() != null) {
            return user.loginName();
        }
        List<String> ranges = users.ranges(List.of(user.id())).getOrDefault(user.id(), List.of());
        if (ranges.isEmpty()) {
            return "outgoing user " + user.id();
        }
        return ranges.size() == 1
                ? ranges.get(0)
                : ranges.get(0) + " (and " + (ranges.size() - 1) + " more)";
    }

    String domainName(OutgoingUser user) {
        return domains.findById(user.domainId()).map(Domain::name).orElse("");
    }

    /** The domain's administrator contact, or the cluster's abuse contact. */
    String contact(OutgoingUser user) {
        return domains.findById(user.domainId())
                .map(Domain::adminContact)
                .filter(c -> !c.isBlank())
                .orElseGet(settings::abuseContact);
    }

    /**
     * Locks {@code identity} of the user (empty: the account) under the user's row lock, which the
     * caller holds; false when it was locked already.
     */
    boolean lock(long userId, String identity, String reason) {
        if (usage.findLock(userId, identity).isPresent()) {
            return false;
        }
        String r = reason == null || reason.isBlank() ? "spam" : reason.strip();
        r = r.replace('\r', ' ').replace('\n', ' ');
        usage.addLock(
                new OutgoingLock(
                        userId,
                        identity,
                        Instant.now(),
                        r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r));
        return true;
    }
}
