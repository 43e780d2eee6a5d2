package org.filtermx.smtp.api;

import java.util.Objects;

/**
 * The endpoint's answer to one SMTP AUTH exchange (RFC 4954 section 6): {@code 235 2.7.0} with the
 * identity the session is authenticated as from then on, or a refusal ({@code 535 5.7.8} bad
 * credentials, {@code 454 4.7.0} temporary trouble or throttled) with no identity.
 */
public record AuthDecision(Reply reply, String identity) {

    public AuthDecision {
        Objects.requireNonNull(reply, "reply");
        if (reply.positive()) {
            Objects.requireNonNull(identity, "identity");
        } else if (identity != null) {
            throw new IllegalArgumentException("a refused AUTH carries no identity");
        }
    }

    /** RFC 4954 section 6: authentication succeeded. */
    public static AuthDecision success(String identity) {
        return new AuthDecision(new Reply(235, "2.7.0", "Authentication successful"), identity);
    }

    /** RFC 4954 section 6: the credentials are not valid. */
    public static AuthDecision invalidCredentials() {
        return new AuthDecision(
                new Reply(535, "5.7.8", "Authentication credentials invalid"), null);
    }

    /** A temporary refusal (RFC 4954 section 6, 454 4.7.0): try again later. */
    public static AuthDecision temporaryFailure(String text) {
        return new AuthDecision(new Reply(454, "4.7.0", text), null);
    }

    public boolean authenticated() {
        return reply.positive();
    }
}
