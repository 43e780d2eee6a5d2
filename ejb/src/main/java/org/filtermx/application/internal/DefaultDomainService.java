package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.Forbidden;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.Visibility;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * Hosted-domain administration within the tenancy tree ({@link Tenancy}): administrators and
 * resellers add and remove domains (a reseller's domains are owned by it); they and the domain's
 * own login change a domain's settings. Every change raises the configuration revision in the
 * same transaction, so every node's recipient cache reloads.
 */
@Stateless
public class DefaultDomainService implements DomainService {

    @Inject private DomainRepository domains;
    @Inject private HostedDomainDirectory directory;
    @Inject private UserAccountRepository accounts;
    @Inject private Tenancy tenancy;
    @Inject private TenancyRepository tree;
    @Inject private EmailUserRepository emailUsers;

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;

    @Override
    public DomainDetails add(Caller caller, String name, List<DomainDetails.Route> destinations) {
        requireAdminOrReseller(caller);
        String normalized = normalize(name);
        if (domains.findByName(normalized).isPresent() || domains.findByAlias(normalized).isPresent()) {
            throw new Conflict("domain " + normalized + " is already hosted");
        }
        Domain domain = guarded(() -> new Domain(normalized, routes(destinations)));
        domains.add(domain);
        if (caller.role() == AccountRole.RESELLER) {
            domains.flush();
            tree.own(domain.id(), tenancy.account(caller).id());
        }
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails get(Caller caller, String name) {
        return details(find(caller, name));
    }

    @Override
    public List<DomainDetails> list(Caller caller) {
        Visibility v = tenancy.of(caller);
        if (caller.role() == AccountRole.EMAIL_USER) {
            throw new Forbidden("email users do not manage domains");
        }
        return domains.findAll().stream()
                .filter(d -> v.covers(d.name()))
                .map(DefaultDomainService::details)
                .toList();
    }

    @Override
    public void remove(Caller caller, String name) {
        requireAdminOrReseller(caller);
        Domain domain = find(caller, name);
        accounts.find(domain.name(), AccountRole.DOMAIN).ifPresent(accounts::remove);
        for (String address : emailUsers.addressesOf(domain.id())) {
            accounts.find(address, AccountRole.EMAIL_USER).ifPresent(accounts::remove);
        }
        domains.remove(domain);
        changed();
    }

    @Override
    public DomainDetails addAlias(Caller caller, String name, String alias) {
        Domain domain = find(caller, name);
        String normalized = normalize(alias);
        if (domains.findByName(normalized).isPresent() || domains.findByAlias(normalized).isPresent()) {
            throw new Conflict("domain " + normalized + " is already hosted");
        }
        guarded(() -> { domain.addAlias(normalized); return domain; });
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails removeAlias(Caller caller, String name, String alias) {
        Domain domain = find(caller, name);
        if (!domain.removeAlias(normalize(alias))) {
            throw new NotFound(alias + " is not an alias of " + domain.name());
        }
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails replaceDestinations(Caller caller, String name, List<DomainDetails.Route> routes) {
        Domain domain = find(caller, name);
        guarded(() -> { domain.replaceRoutes(routes(routes)); return domain; });
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails replaceLocalRecipients(Caller caller, String name, List<String> localParts) {
        Domain domain = find(caller, name);
        guarded(() -> { domain.replaceLocalRecipients(localParts == null ? List.of() : localParts); return domain; });
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails changeSettings(
            Caller caller, String name, Boolean catchAll, String adminContact, String password) {
        Domain domain = find(caller, name);
        if (password != null && caller.role() == AccountRole.DOMAIN) {
            // Its own password: only with the current one (and code), like every account's.
            throw new Forbidden("a domain login changes its own password with PUT /me/password"
                    + " (or My password), which asks for the current one");
        }
        if (password != null) {
            setDomainPassword(domain.name(), password);
        }
        if (catchAll != null) {
            domain.setCatchAll(catchAll);
        }
        if (adminContact != null) {
            String contact = adminContact.strip();
            if (!contact.isEmpty() && !contact.matches("[^@\\s\\r\\n]+@[^@\\s\\r\\n]+")) {
                throw new InvalidRequest("adminContact must be an email address");
            }
            domain.setAdminContact(contact.isEmpty() ? null : contact);
        }
        changed();
        return details(domain);
    }

    /**
     * The domain login: user name = the domain name, role DOMAIN, PBKDF2-hashed password. Only a
     * login of kind DOMAIN is ever changed here; a name taken by another kind (which the naming
     * rule and the database's check rule out) is refused, never taken over.
     */
    private void setDomainPassword(String domainName, String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidRequest(
                    "the password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
        String hash = PasswordHash.create(password.toCharArray());
        Optional<UserAccount> login = accounts.find(domainName, AccountRole.DOMAIN);
        if (login.isPresent()) {
            login.get().changePassword(hash);
        } else if (accounts.nameTaken(domainName)) {
            throw new Conflict("the login name " + domainName + " belongs to another kind of account");
        } else {
            accounts.add(guarded(() -> new UserAccount(domainName, hash, AccountRole.DOMAIN)));
        }
    }

    private Domain find(Caller caller, String name) {
        String normalized = normalize(name);
        tenancy.requireManager(caller, normalized);
        return domains.findByName(normalized)
                .orElseThrow(() -> new NotFound("no hosted domain " + name));
    }

    private void changed() {
        domains.markChanged();
        directory.invalidate();
    }

    private static void requireAdminOrReseller(Caller caller) {
        Tenancy.requireCaller(caller);
        if (caller.role() != AccountRole.ADMIN && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only administrators and resellers add and remove domains");
        }
    }

    private static String normalize(String name) {
        return guarded(() -> DomainName.normalize(name));
    }

    private static List<DestinationRoute> routes(List<DomainDetails.Route> routes) {
        if (routes == null || routes.isEmpty()) {
            throw new InvalidRequest("a domain needs at least one destination (host and port)");
        }
        return routes.stream()
                .map(r -> guarded(() -> new DestinationRoute(r.host(), r.port(), r.priority())))
                .toList();
    }

    private static <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }

    static DomainDetails details(Domain d) {
        return new DomainDetails(
                d.name(),
                d.aliases().stream().sorted().toList(),
                d.routes().stream()
                        .map(r -> new DomainDetails.Route(r.host(), r.port(), r.priority()))
                        .toList(),
                d.localRecipients().stream().sorted().toList(),
                d.catchAll(),
                d.adminContact(),
                d.createdAt());
    }
}
