package org.filtermx.imap.api;

import java.util.Objects;

/**
 * The endpoint's answer to LOGIN or AUTHENTICATE PLAIN (RFC 3501 sections 6.2.2 and 6.2.3): OK with
 * the identity the session carries from then on, or NO ({@code AUTHENTICATIONFAILED} for wrong
 * credentials, {@code UNAVAILABLE} when throttled or in trouble) with none.
 */
public record ImapLogin(ImapReply reply, String identity) {

    public ImapLogin {
        Objects.requireNonNull(reply, "reply");
        if (reply.ok()) {
            Objects.requireNonNull(identity, "identity");
        } else if (identity != null) {
            throw new IllegalArgumentException("a refused login carries no identity");
        }
    }

    public static ImapLogin success(String identity) {
        return new ImapLogin(ImapReply.ok("Logged in"), identity);
    }

    /** RFC 5530 section 3: the same answer for an unknown user and a wrong password. */
    public static ImapLogin invalidCredentials() {
        return new ImapLogin(ImapReply.no("AUTHENTICATIONFAILED", "Authentication failed"), null);
    }

    public static ImapLogin temporaryFailure(String text) {
        return new ImapLogin(ImapReply.no("UNAVAILABLE", text), null);
    }

    public boolean authenticated() {
        return reply.ok();
    }
}
