package org.filtermx.domain.model.account;

/** What an account may do; the tenancy levels of the service. */
public enum AccountRole {
    ADMIN,
    RESELLER,
    DOMAIN,
    EMAIL_USER
}
