package org.filtermx.web.console.security;

import jakarta.enterprise.context.RequestScoped;

/** What the identity store learned about this request's login attempt beyond valid or not. */
@RequestScoped
public class LoginAttempt {

    private long retryAfterSeconds = -1;

    void throttled(long seconds) {
        retryAfterSeconds = seconds;
    }

    /** Whether the login was refused because of too many failed attempts. */
    public boolean wasThrottled() {
        return retryAfterSeconds >= 0;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
