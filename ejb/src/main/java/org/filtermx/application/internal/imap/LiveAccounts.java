package org.filtermx.application.internal.imap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.application.Caller;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.domain.model.account.UserAccountRepository;

/**
 * Looks a session's account up again on every call, so an account deleted after its IMAP login
 * loses access within {@link #TTL}; the answer (the account exists, and what it may see) is kept
 * that long per login, since a mail client calls many times a second while it syncs.
 */
@ApplicationScoped
public class LiveAccounts {

    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<MailboxAccess> access, Instant until) {}

    @Inject private UserAccountRepository accounts;
    @Inject private Tenancy tenancy;

    private final ConcurrentHashMap<String, Entry> recent = new ConcurrentHashMap<>();
    private final Clock clock;

    public LiveAccounts() {
        this.clock = Clock.systemUTC();
    }

    LiveAccounts(UserAccountRepository accounts, Tenancy tenancy, Clock clock) {
        this.accounts = accounts;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** The login's access, or empty when its account no longer exists. */
    public Optional<MailboxAccess> access(MailboxLogin login, String remoteAddress) {
        Instant now = clock.instant();
        Entry e = recent.get(login.identity());
        if (e == null || !e.until().isAfter(now)) {
            e = new Entry(lookUp(login), now.plus(TTL));
            if (recent.size() >= MAX_ENTRIES) {
                recent.values().removeIf(old -> !old.until().isAfter(now));
                if (recent.size() >= MAX_ENTRIES) {
                    recent.clear();
                }
            }
            recent.put(login.identity(), e);
        }
        return e.access().map(a -> a.from(remoteAddress));
    }

    private Optional<MailboxAccess> lookUp(MailboxLogin login) {
        if (accounts.find(login.username(), login.role()).isEmpty()) {
            return Optional.empty();
        }
        Caller caller = login.caller(null);
        Visibility visibility = tenancy.of(caller);
        return Optional.of(new MailboxAccess(login, caller, visibility));
    }
}
