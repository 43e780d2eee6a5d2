package org.filtermx.application.internal.outgoing;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.OutgoingUserService;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.internal.breaker.WebhookEvents;
import org.filtermx.application.port.OutgoingBaselines;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.outgoing.IdentitySource;
import org.filtermx.domain.model.outgoing.IpRange;
import org.filtermx.domain.model.outgoing.LoginName;
import org.filtermx.domain.model.outgoing.OutgoingLimits;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;
import org.filtermx.domain.model.outgoing.OutgoingUser;
import org.filtermx.domain.model.outgoing.OutgoingUserKind;
import org.filtermx.domain.model.outgoing.OutgoingUserRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Outgoing users, managed within the caller's tenancy ({@link Tenancy#requireManager}):
 * administrators, the resellers of the domain and the domain's login; others, email users among
 * them, are told the user does not exist. A domain login may lower its users' limits but not raise
 * them above the defaults, which protect the cluster's addresses; administrators and resellers may
 * set any, 0 for unlimited.
 */
@Stateless
public class DefaultOutgoingUserService implements OutgoingUserService {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;

    /** Most ranges of one IP user, and the longest text they are read from. */
    static final int MAX_RANGES = 50;

    static final int MAX_RANGE_TEXT = 4000;

    /** Widest ranges one IP user may have: a /24 of IPv4 or a /48 of IPv6 (one site). */
    static final int MIN_IPV4_PREFIX = 24;

    static final int MIN_IPV6_PREFIX = 48;

    @Inject private OutgoingUserRepository users;
    @Inject private OutgoingUsageRepository usage;
    @Inject private DomainRepository domains;
    @Inject private Tenancy tenancy;
    @Inject private OutgoingUsers locks;
    @Inject private OutgoingBaselines baselines;
    @Inject private WebhookEvents events;

    @Override
    public OutgoingUserEntry add(Caller caller, String domain, String username, Settings settings) {
        Domain d = managed(caller, domain);
        Settings s = settings == null ? Settings.NONE : settings;
        boolean byName = username != null && !username.isBlank();
        boolean byAddress = s.ip() != null && !s.ip().isBlank();
        if (byName == byAddress) {
            throw new InvalidRequest(
                    "give either a username and password or ip (addresses or CIDR ranges), not"
                            + " both");
        }
        OutgoingUser user;
        List<IpRange> ranges = List.of();
        if (byName) {
            String login = rule(() -> LoginName.of(username, d.name()));
            if (users.findByLogin(login).isPresent()) {
                throw new Conflict("outgoing user " + login + " exists");
            }
            user = OutgoingUser.byLogin(d.id(), login, hash(s.password()));
        } else {
            if (s.password() != null) {
                throw new InvalidRequest("an IP user has no password");
            }
            ranges = ranges(s.ip(), 0);
            user = OutgoingUser.byAddress(d.id());
        }
        apply(
                caller,
                user,
                new Settings(
                        null,
                        null,
                        s.messagesPerHour(),
                        s.recipientsPerHour(),
                        s.connections(),
                        s.autoLock(),
                        s.smarthostIdentity()));
        users.add(user);
        users.flush();
        if (byAddress) {
            users.replaceRanges(user.id(), ranges);
        }
        return view(user, d.name());
    }

    @Override
    public List<OutgoingUserEntry> list(Caller caller, String domain, boolean lockedOnly) {
        Map<Long, String> names = new java.util.LinkedHashMap<>();
        if (domain != null && !domain.isBlank()) {
            Domain d = managed(caller, domain);
            names.put(d.id(), d.name());
        } else {
            Tenancy.requireCaller(caller);
            if (caller.role() == AccountRole.EMAIL_USER) {
                return List.of();
            }
            Visibility v = tenancy.of(caller);
            if (v.domains() == null) {
                domains.findAll().forEach(d -> names.put(d.id(), d.name()));
            } else {
                v.domains()
                        .forEach(
                                n ->
                                        domains.findByName(n)
                                                .ifPresent(d -> names.put(d.id(), d.name())));
            }
        }
        List<OutgoingUser> found = users.findByDomains(names.keySet());
        List<Long> ids = found.stream().map(OutgoingUser::id).toList();
        Set<Long> locked = usage.locked(ids);
        Map<Long, List<String>> ranges = users.ranges(ids);
        List<OutgoingUserEntry> out = new ArrayList<>();
        for (OutgoingUser u : found) {
            if (out.size() == MAX_LIST) {
                break;
            }
            if (!lockedOnly || locked.contains(u.id())) {
                out.add(
                        view(
                                u,
                                names.get(u.domainId()),
                                ranges.getOrDefault(u.id(), List.of()),
                                locked.contains(u.id())));
            }
        }
        return out;
    }

    @Override
    public OutgoingUserEntry get(Caller caller, long id) {
        OutgoingUser user = visible(caller, id);
        return view(user, domainName(user));
    }

    @Override
    public OutgoingUserEntry change(Caller caller, long id, Settings settings) {
        OutgoingUser user = visible(caller, id);
        Settings s = settings == null ? Settings.NONE : settings;
        if (s.password() != null) {
            if (user.kind() != OutgoingUserKind.USERNAME) {
                throw new InvalidRequest("an IP user has no password");
            }
            user.changePassword(hash(s.password()));
        }
        if (s.ip() != null) {
            if (user.kind() != OutgoingUserKind.IP) {
                throw new InvalidRequest("a user with a username has no address ranges");
            }
            users.replaceRanges(user.id(), ranges(s.ip(), user.id()));
        }
        apply(caller, user, s);
        return view(user, domainName(user));
    }

    @Override
    public void remove(Caller caller, long id) {
        users.remove(visible(caller, id));
    }

    @Override
    public OutgoingUserEntry lock(Caller caller, long id, String identity, String reason) {
        OutgoingUser user = visible(caller, id);
        usage.lockUser(user.id());
        String why = reason == null || reason.isBlank() ? "locked by " + caller.username() : reason;
        String i = IdentitySource.identityOf(identity);
        if (locks.lock(user.id(), i, why)) {
            event(WebhookEvents.LOCKED, user, i, why, caller.username());
        }
        return view(user, domainName(user));
    }

    @Override
    public OutgoingUserEntry unlock(Caller caller, long id, String identity) {
        OutgoingUser user = visible(caller, id);
        String i = identity == null ? null : IdentitySource.identityOf(identity);
        // One decision at a time per user on every node: the quota below is checked and taken
        // under this lock.
        usage.lockUser(user.id());
        boolean any =
                usage.locks(user.id()).stream().anyMatch(l -> i == null || l.identity().equals(i));
        if (any && caller.role() == AccountRole.DOMAIN) {
            Instant now = Instant.now();
            long day = Math.floorDiv(now.getEpochSecond(), 86_400);
            if (!baselines.takeSelfUnlock(user.id(), day, now, caller.username())) {
                throw new Forbidden(
                        "today's self-service unlock of this outgoing user was used; ask your"
                                + " provider to unlock it, or try again tomorrow (UTC)");
            }
        }
        int removed = usage.removeLocks(user.id(), i);
        if (removed == 0 && i != null) {
            throw new NotFound("outgoing user " + id + " has no lock of '" + i + "'");
        }
        if (removed > 0) {
            event(
                    WebhookEvents.UNLOCKED,
                    user,
                    i == null ? "" : i,
                    "unlocked by " + caller.username(),
                    caller.username());
        }
        return view(user, domainName(user));
    }

    private void event(String event, OutgoingUser user, String identity, String reason, String by) {
        events.outgoing(
                event,
                new WebhookEvents.OutgoingEvent(
                        domainName(user), user.id(), locks.name(user), identity, reason, by));
    }

    /** Limits, automatic lock and smarthost identity of {@code s}, where given. */
    private void apply(Caller caller, OutgoingUser user, Settings s) {
        OutgoingLimits current = user.limits();
        OutgoingLimits limits =
                rule(
                        () ->
                                new OutgoingLimits(
                                        s.messagesPerHour() == null
                                                ? current.messagesPerHour()
                                                : s.messagesPerHour(),
                                        s.recipientsPerHour() == null
                                                ? current.recipientsPerHour()
                                                : s.recipientsPerHour(),
                                        s.connections() == null
                                                ? current.connections()
                                                : s.connections()));
        if (!limits.equals(current)
                && caller.role() == AccountRole.DOMAIN
                && !limits.within(OutgoingLimits.DEFAULT)) {
            OutgoingLimits d = OutgoingLimits.DEFAULT;
            throw new InvalidRequest(
                    "a domain login may set limits of at most "
                            + d.messagesPerHour()
                            + " messages and "
                            + d.recipientsPerHour()
                            + " recipients per hour and "
                            + d.connections()
                            + " connections (not 0, unlimited); ask your provider for more");
        }
        user.changeLimits(limits);
        if (s.autoLock() != null) {
            user.changeAutoLock(s.autoLock());
        }
        if (s.smarthostIdentity() != null) {
            user.changeIdentitySource(rule(() -> IdentitySource.parse(s.smarthostIdentity())));
        }
    }

    private static String hash(String password) {
        if (password == null
                || password.length() < MIN_PASSWORD
                || password.length() > MAX_PASSWORD) {
            throw new InvalidRequest(
                    "the password must be "
                            + MIN_PASSWORD
                            + " to "
                            + MAX_PASSWORD
                            + " characters long");
        }
        return PasswordHash.create(password.toCharArray());
    }

    /**
     * The ranges in {@code text}, each at most as wide as a site's, none shared with another user:
     * a range given to two users would hand one's mail to the other's limits and locks.
     */
    private List<IpRange> ranges(String text, long userId) {
        if (text.length() > MAX_RANGE_TEXT) {
            throw new InvalidRequest(
                    "the address list is longer than " + MAX_RANGE_TEXT + " characters");
        }
        List<IpRange> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (out.size() == MAX_RANGES) {
                throw new InvalidRequest("an IP user has at most " + MAX_RANGES + " ranges");
            }
            IpRange r = rule(() -> IpRange.parse(part));
            int min = r.ipv4() ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
            if (r.prefixLength() < min) {
                throw new InvalidRequest(
                        r.text()
                                + " is too wide: an IP user's ranges are at most /"
                                + min
                                + " (add several for a larger network)");
            }
            for (IpRange other : out) {
                if (other.overlaps(r)) {
                    throw new InvalidRequest(r.text() + " overlaps " + other.text());
                }
            }
            Optional<String> taken = users.overlapping(r, userId);
            if (taken.isPresent()) {
                throw new Conflict(
                        r.text() + " overlaps " + taken.get() + " of another outgoing user");
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            throw new InvalidRequest("give at least one address or CIDR range");
        }
        return out;
    }

    private Domain managed(Caller caller, String domain) {
        if (domain == null || domain.isBlank()) {
            throw new InvalidRequest("domain is required");
        }
        String name = LowerCase.of(domain.strip());
        tenancy.requireManager(caller, name);
        return domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
    }

    /** The user if the caller manages its domain; {@link NotFound} otherwise, as if absent. */
    private OutgoingUser visible(Caller caller, long id) {
        Tenancy.requireCaller(caller);
        OutgoingUser user =
                users.findById(id).orElseThrow(() -> new NotFound("no outgoing user " + id));
        try {
            tenancy.requireManager(caller, domainName(user));
        } catch (NotFound e) {
            throw new NotFound("no outgoing user " + id);
        }
        return user;
    }

    private String domainName(OutgoingUser user) {
        return domains.findById(user.domainId()).map(Domain::name).orElse("");
    }

    private OutgoingUserEntry view(OutgoingUser user, String domain) {
        return view(
                user,
                domain,
                users.ranges(List.of(user.id())).getOrDefault(user.id(), List.of()),
                null);
    }

    private OutgoingUserEntry view(
            OutgoingUser user, String domain, List<String> ranges, Boolean lockedHint) {
        List<LockEntry> locks =
                Boolean.FALSE.equals(lockedHint)
                        ? List.of()
                        : usage.locks(user.id()).stream()
                                .map(l -> new LockEntry(l.identity(), l.lockedAt(), l.reason()))
                                .toList();
        OutgoingLimits limits = user.limits();
        return new OutgoingUserEntry(
                user.id(),
                domain,
                user.kind().name(),
                user.loginName(),
                ranges,
                user.identitySource().text(),
                limits.messagesPerHour(),
                limits.recipientsPerHour(),
                limits.connections(),
                user.autoLock(),
                !locks.isEmpty(),
                locks,
                user.createdAt());
    }

    private static <T> T rule(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }
}
