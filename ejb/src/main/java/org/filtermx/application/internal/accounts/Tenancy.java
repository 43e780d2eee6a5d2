package org.filtermx.application.internal.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.NotFound;
import org.filtermx.application.Visibility;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Turns a caller into what it may see and manage: administrators everything, a reseller the domains
 * it and its sub-resellers own, a domain login its domain, an email user its own mail. Every
 * service that returns or changes tenant data asks this first, so the bound is enforced in the EJB
 * layer for the console, the API and IMAP alike.
 */
@ApplicationScoped
public class Tenancy {

    @Inject private TenancyRepository tree;
    @Inject private UserAccountRepository accounts;

    public Tenancy() {}

    /** For tests outside the container. */
    public Tenancy(TenancyRepository tree, UserAccountRepository accounts) {
        this.tree = tree;
        this.accounts = accounts;
    }

    public Visibility of(Caller caller) {
        requireCaller(caller);
        String user = LowerCase.of(caller.username());
        return switch (caller.role()) {
            case ADMIN -> Visibility.EVERYTHING;
            case RESELLER ->
                    new Visibility(new HashSet<>(tree.domainsOwnedBy(resellerScope(caller))), null);
            case DOMAIN -> new Visibility(Set.of(user), null);
            case EMAIL_USER ->
                    new Visibility(Set.of(user.substring(user.lastIndexOf('@') + 1)), user);
        };
    }

    /**
     * Checks that the caller may manage {@code domain} (its settings, users and lists):
     * administrators, the owning reseller chain, and the domain's own login. Others get {@link
     * NotFound}, so a domain's existence is not revealed to other tenants.
     */
    public void requireManager(Caller caller, String domain) {
        requireCaller(caller);
        if (caller.role() == AccountRole.EMAIL_USER || !of(caller).covers(domain)) {
            throw new NotFound("no hosted domain " + domain);
        }
    }

    /** The account ids of a reseller and all its sub-resellers, the reseller first. */
    Set<Long> resellerScope(Caller caller) {
        if (caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only resellers have sub-resellers");
        }
        long self = account(caller).id();
        Map<Long, Long> parents = tree.resellerParents();
        Set<Long> scope = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(self);
        while (!todo.isEmpty()) {
            long id = todo.poll();
            if (scope.add(id)) {
                parents.forEach(
                        (child, parent) -> {
                            if (parent == id) {
                                todo.add(child);
                            }
                        });
            }
        }
        return scope;
    }

    UserAccount account(Caller caller) {
        return accounts.find(caller.username(), caller.role())
                .orElseThrow(
                        () ->
                                new Forbidden(
                                        "the account " + caller.username() + " no longer exists"));
    }

    public static void requireCaller(Caller caller) {
        if (caller == null || caller.role() == null) {
            throw new Forbidden("no caller");
        }
    }

    public static void requireAdmin(Caller caller, String what) {
        requireCaller(caller);
        if (!caller.admin()) {
            throw new Forbidden("only administrators " + what);
        }
    }
}
