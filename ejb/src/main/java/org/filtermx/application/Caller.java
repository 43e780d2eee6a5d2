package org.filtermx.application;

import org.filtermx.domain.model.account.AccountRole;

/**
 * Who is calling a service, as established by the web layer's authentication, and from which
 * network address (for the audit trail; null when unknown).
 */
public record Caller(String username, AccountRole role, String remoteAddress) {

    public Caller(String username, AccountRole role) {
        this(username, role, null);
    }

    public boolean admin() {
        return role == AccountRole.ADMIN;
    }

    /** This caller, calling from {@code address}. */
    public Caller from(String address) {
        return new Caller(username, role, address);
    }
}
