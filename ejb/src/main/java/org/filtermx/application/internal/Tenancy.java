package org.filtermx.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.Visibility;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * Turns a caller into what it may see: administrators everything, a reseller the domains it owns,
 * a domain login its domain, an email user its own mail. Every service that returns or changes
 * tenant data asks this first, so the bound is enforced here and not in the web layer.
 */
@ApplicationScoped
class Tenancy {

    @Inject private DomainRepository domains;

    Visibility of(Caller caller) {
        if (caller == null || caller.role() == null) {
            throw new Forbidden("no caller");
        }
        String user = caller.username().toLowerCase(Locale.ROOT);
        return switch (caller.role()) {
            case ADMIN -> Visibility.EVERYTHING;
            case RESELLER -> new Visibility(new HashSet<>(domains.namesOwnedBy(user)), null);
            case DOMAIN -> new Visibility(Set.of(user), null);
            case EMAIL_USER -> new Visibility(Set.of(user.substring(user.lastIndexOf('@') + 1)), user);
        };
    }
}
