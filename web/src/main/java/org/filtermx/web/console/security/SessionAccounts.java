package org.filtermx.web.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.filtermx.application.AccountStamps;
import org.filtermx.domain.model.account.AccountRole;

/**
 * Whether the account a console session logged in as is still the account of that name, with the
 * same password ({@link AccountStamps}). The session keeps the stamp it first saw and compares it
 * on each console request: one read of one row by its unique name, on pages and their Ajax calls
 * only (scripts and styles are served outside {@code /console/}). No cache in between, so a
 * deletion on any node ends the session at its very next request.
 */
@ApplicationScoped
public class SessionAccounts {

    static final String ATTRIBUTE = SessionAccounts.class.getName() + ".stamp";

    @Inject private AccountStamps stamps;

    /** Whether the session of {@code request} may go on; records the stamp on its first request. */
    boolean stillValid(HttpServletRequest request, HttpSession session) {
        Optional<String> current =
                stamps.current(request.getUserPrincipal().getName(), role(request));
        if (current.isEmpty()) {
            return false;
        }
        Object held = session.getAttribute(ATTRIBUTE);
        if (held == null) {
            session.setAttribute(ATTRIBUTE, current.get());
            return true;
        }
        return held.equals(current.get());
    }

    /**
     * After the user changed its own password in this session: this session goes on, others end.
     */
    public void renew(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || request.getUserPrincipal() == null) {
            return;
        }
        stamps.current(request.getUserPrincipal().getName(), role(request))
                .ifPresent(stamp -> session.setAttribute(ATTRIBUTE, stamp));
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
