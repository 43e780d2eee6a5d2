package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.ResellerService;
import org.filtermx.domain.model.account.AccountName;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.shared.LowerCase;

/** Resellers and sub-resellers; a reseller manages only its own subtree. */
@Stateless
public class DefaultResellerService implements ResellerService {

    @Inject private UserAccountRepository accounts;
    @Inject private TenancyRepository tree;
    @Inject private Tenancy tenancy;

    @Override
    public ResellerEntry add(Caller caller, String username, String password) {
        requireAdminOrReseller(caller);
        String name;
        try {
            name = AccountName.plain(username);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        checkPassword(password);
        if (accounts.nameTaken(name)) {
            throw new Conflict("the user name " + name + " is taken");
        }
        UserAccount reseller =
                new UserAccount(
                        name, PasswordHash.create(password.toCharArray()), AccountRole.RESELLER);
        accounts.add(reseller);
        String parent = null;
        if (caller.role() == AccountRole.RESELLER) {
            accounts.flush();
            UserAccount self = tenancy.account(caller);
            tree.setParent(reseller.id(), self.id());
            parent = self.username();
        }
        return new ResellerEntry(reseller.username(), parent, 0, reseller.createdAt());
    }

    @Override
    public List<ResellerEntry> list(Caller caller) {
        requireAdminOrReseller(caller);
        Map<Long, Long> parents = tree.resellerParents();
        Set<Long> visible = caller.admin() ? null : tenancy.resellerScope(caller);
        Long self = caller.admin() ? null : tenancy.account(caller).id();
        return tree.accountsByRole(AccountRole.RESELLER).stream()
                .filter(a -> visible == null || (visible.contains(a.id()) && !a.id().equals(self)))
                .map(
                        a ->
                                new ResellerEntry(
                                        a.username(),
                                        parents.containsKey(a.id())
                                                ? tree.account(parents.get(a.id()))
                                                        .map(UserAccount::username)
                                                        .orElse(null)
                                                : null,
                                        tree.countDomainsOwnedBy(a.id()),
                                        a.createdAt()))
                .toList();
    }

    @Override
    public void remove(Caller caller, String username) {
        UserAccount reseller = manageable(caller, username);
        if (tree.countDomainsOwnedBy(reseller.id()) > 0) {
            throw new Conflict(
                    "reseller "
                            + reseller.username()
                            + " still owns domains; remove or move them first");
        }
        if (tree.resellerParents().containsValue(reseller.id())) {
            throw new Conflict(
                    "reseller "
                            + reseller.username()
                            + " still has sub-resellers; remove them first");
        }
        accounts.remove(reseller);
    }

    @Override
    public void changePassword(Caller caller, String username, String password) {
        UserAccount reseller = manageable(caller, username);
        checkPassword(password);
        reseller.changePassword(PasswordHash.create(password.toCharArray()));
    }

    /** A reseller the caller may manage: any for administrators, a sub-reseller for a reseller. */
    private UserAccount manageable(Caller caller, String username) {
        requireAdminOrReseller(caller);
        String name = username == null ? "" : LowerCase.of(username.strip());
        UserAccount reseller =
                accounts.find(name, AccountRole.RESELLER)
                        .orElseThrow(() -> new NotFound("no reseller " + name));
        if (!caller.admin()) {
            Set<Long> scope = tenancy.resellerScope(caller);
            if (!scope.contains(reseller.id()) || reseller.username().equals(caller.username())) {
                throw new NotFound("no reseller " + name);
            }
        }
        return reseller;
    }

    private static void checkPassword(String password) {
        if (password == null
                || password.length() < DefaultDomainService.MIN_PASSWORD
                || password.length() > DefaultDomainService.MAX_PASSWORD) {
            throw new InvalidRequest(
                    "the password must be "
                            + DefaultDomainService.MIN_PASSWORD
                            + " to "
                            + DefaultDomainService.MAX_PASSWORD
                            + " characters long");
        }
    }

    private static void requireAdminOrReseller(Caller caller) {
        Tenancy.requireCaller(caller);
        if (caller.role() != AccountRole.ADMIN && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only administrators and resellers manage resellers");
        }
    }
}
