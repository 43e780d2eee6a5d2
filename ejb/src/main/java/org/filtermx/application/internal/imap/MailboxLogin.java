package org.filtermx.application.internal.imap;

import java.util.Objects;
import java.util.Optional;
import org.filtermx.application.Caller;
import org.filtermx.domain.model.account.AccountRole;

/**
 * Who an IMAP session logged in as, and the identity text the connector carries for it ({@code
 * ROLE:username}, for example {@code DOMAIN:example.com}): enough to rebuild the {@link Caller} on
 * every later call, and the key of the login's flags. The connector only ever hands back what
 * {@link #identity()} made, so parsing it is no security boundary; an account is looked up again
 * anyway ({@link LiveAccounts}).
 */
public record MailboxLogin(AccountRole role, String username) {

    public MailboxLogin {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(username, "username");
    }

    public static MailboxLogin of(Caller caller) {
        return new MailboxLogin(caller.role(), caller.username());
    }

    /** The login an identity names, or empty for text this class did not make. */
    public static Optional<MailboxLogin> parse(String identity) {
        if (identity == null) {
            return Optional.empty();
        }
        int colon = identity.indexOf(':');
        if (colon <= 0 || colon == identity.length() - 1) {
            return Optional.empty();
        }
        String role = identity.substring(0, colon);
        for (AccountRole r : AccountRole.values()) {
            if (r.name().equals(role)) {
                return Optional.of(new MailboxLogin(r, identity.substring(colon + 1)));
            }
        }
        return Optional.empty();
    }

    public String identity() {
        return role.name() + ":" + username;
    }

    public Caller caller(String remoteAddress) {
        return new Caller(username, role, remoteAddress);
    }
}
