package org.filtermx.application;

import org.filtermx.domain.model.account.AccountRole;

/** Who is calling a service, as established by the web layer's authentication. */
public record Caller(String username, AccountRole role) {

    public boolean admin() {
        return role == AccountRole.ADMIN;
    }
}
