package org.filtermx.web.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.application.AccountStamps;
import org.filtermx.domain.model.account.AccountRole;

/**
 * Whether the account a console session logged in as is still the account of that name, with the
 * same password ({@link AccountStamps}). The session keeps the stamp it first saw; the current
 * stamp is read from the database at most once per {@link #FRESH_NANOS} per account on this node,
 * so a page and its Ajax requests cost one indexed lookup between them.
 */
@ApplicationScoped
public class SessionAccounts {

    static final String ATTRIBUTE = SessionAccounts.class.getName() + ".stamp";
    static final long FRESH_NANOS = 1_000_000_000L;
    private static final int MAX_CACHED = 10_000;

    private record Cached(Optional<String> stamp, long readAt) {}

    @Inject private AccountStamps stamps;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Whether the session of {@code request} may go on; records the stamp on its first request. */
    boolean stillValid(HttpServletRequest request, HttpSession session) {
        String username = request.getUserPrincipal().getName();
        AccountRole role = role(request);
        Optional<String> current = current(username, role, false);
        if (current.isEmpty()) {
            return false;
        }
        Object held = session.getAttribute(ATTRIBUTE);
        if (held == null) {
            session.setAttribute(ATTRIBUTE, current.get());
            return true;
        }
        if (held.equals(current.get())) {
            return true;
        }
        // A stale cache entry must not end a session: look again before refusing.
        return held.equals(current(username, role, true).orElse(null));
    }

    /** After the user changed its own password in this session: this session goes on, others end. */
    public void renew(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || request.getUserPrincipal() == null) {
            return;
        }
        current(request.getUserPrincipal().getName(), role(request), true)
                .ifPresent(stamp -> session.setAttribute(ATTRIBUTE, stamp));
    }

    private Optional<String> current(String username, AccountRole role, boolean reread) {
        String key = role + ":" + username;
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (reread || c == null || now - c.readAt() > FRESH_NANOS) {
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            c = new Cached(stamps.current(username, role), now);
            cache.put(key, c);
        }
        return c.stamp();
    }

    private static AccountRole role(HttpServletRequest request) {
        for (AccountRole r : AccountRole.values()) {
            if (request.isUserInRole(r.name())) {
                return r;
            }
        }
        return null;
    }
}
