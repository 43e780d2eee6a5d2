package org.filtermx.application.internal.accounts;

import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.Forbidden;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.Visibility;
import org.filtermx.application.port.OutboundSettings;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.account.TenancyRepository;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainClaim;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.domain.DomainVerification;
import org.filtermx.domain.model.domain.InboundTls;
import org.filtermx.domain.model.domain.TenantDataRepository;
import org.filtermx.domain.model.report.DomainReportSettings;
import org.filtermx.domain.model.report.ReportRepository;
import org.filtermx.domain.model.verification.RecipientVerificationRepository;

/**
 * Hosted-domain administration within the tenancy tree ({@link Tenancy}): administrators and
 * resellers add and remove domains (a reseller's domains are owned by it); they and the domain's
 * own login change a domain's settings. Every change raises the configuration revision in the same
 * transaction, so every node's recipient cache reloads.
 *
 * <p>A domain or alias added below the administrators is only a claim until its control is proven,
 * by a DNS TXT record or by an administrator's approval as the cluster is set (ADR 0014); until
 * then it takes no mail. A claim never blocks another tenant: whoever adds the name next replaces
 * it, so a squatter cannot lock the real owner out. Removing a domain purges what was kept under
 * its name, so whoever adds the name later starts empty.
 */
@Stateless
@ManagedExecutorDefinition(name = DefaultDomainService.ROUTE_LOOKUPS, maxAsync = 4)
public class DefaultDomainService implements DomainService {

    /** Where {@link DestinationCheck} resolves route host names, bounded in time. */
    static final String ROUTE_LOOKUPS = "java:app/concurrent/RouteLookupExecutor";

    @Inject private DomainRepository domains;
    @Inject private HostedDomainDirectory directory;
    @Inject private UserAccountRepository accounts;
    @Inject private Tenancy tenancy;
    @Inject private TenancyRepository tree;
    @Inject private EmailUserRepository emailUsers;
    @Inject private TenantDataRepository tenantData;
    @Inject private DomainControlCheck controlCheck;
    @Inject private DestinationCheck destinationCheck;
    @Inject private FilterConfiguration filterConfiguration;
    @Inject private ReportRepository reportRepository;
    @Inject private CatchAllRule catchAllRule;
    @Inject private OutboundSettings outboundSettings;
    @Inject private RecipientVerificationRepository recipientAnswers;

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;

    @Override
    public DomainDetails add(Caller caller, String name, List<DomainDetails.Route> destinations) {
        requireAdminOrReseller(caller);
        String normalized = normalize(name);
        List<DestinationRoute> routes = routes(destinations);
        destinationCheck.requireAllowed(caller, routes);
        release(caller, normalized);
        Domain domain = guarded(() -> new Domain(normalized, routes));
        domains.add(domain);
        domains.flush();
        if (caller.role() == AccountRole.RESELLER) {
            tree.own(domain.id(), tenancy.account(caller).id());
        }
        if (!caller.admin()) {
            domains.addClaim(new DomainClaim(normalized, domain.id()));
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
        Map<Long, List<DomainClaim>> claims =
                domains.allClaims().stream().collect(Collectors.groupingBy(DomainClaim::domainId));
        DomainVerification method = domains.verification();
        Map<Long, DomainReportSettings> reports = reportRepository.allSettings();
        return domains.findAll().stream()
                .filter(d -> v.covers(d.name()))
                .map(
                        d ->
                                details(
                                        d,
                                        claims.getOrDefault(d.id(), List.of()),
                                        method,
                                        reports.getOrDefault(d.id(), DomainReportSettings.NONE),
                                        outboundSettings))
                .toList();
    }

    @Override
    public void remove(Caller caller, String name) {
        requireAdminOrReseller(caller);
        removeWithData(find(caller, name));
        changed();
    }

    /** Removes a domain, its logins and everything kept under its name (ADR 0014). */
    private void removeWithData(Domain domain) {
        accounts.find(domain.name(), AccountRole.DOMAIN).ifPresent(accounts::remove);
        for (String address : emailUsers.addressesOf(domain.id())) {
            accounts.find(address, AccountRole.EMAIL_USER).ifPresent(accounts::remove);
        }
        tenantData.purge(domain.name());
        domains.remove(domain);
        // Deletes before the inserts of a replacing domain: Hibernate would order them the other
        // way.
        domains.flush();
    }

    /**
     * Frees {@code name} for the caller to add: a name that takes mail is taken (409), and so is
     * one the caller itself has pending; another tenant's pending claim on it is dropped, with the
     * pending domain if the claim was for its own name.
     */
    private void release(Caller caller, String name) {
        Optional<DomainClaim> claim = domains.findClaim(name);
        if (claim.isEmpty()) {
            if (domains.findByName(name).isPresent() || domains.findByAlias(name).isPresent()) {
                throw new Conflict("domain " + name + " is already hosted");
            }
            return;
        }
        Domain claimant =
                domains.findById(claim.get().domainId())
                        .orElseThrow(
                                () -> new IllegalStateException("claim without domain: " + name));
        if (mayManage(caller, claimant.name())) {
            throw new Conflict(
                    name
                            + " is already added and waiting for "
                            + (caller.admin() ? "approval: approve it" : "verification: verify it")
                            + " (POST /domains/"
                            + claimant.name()
                            + (caller.admin() ? "/approve)" : "/verify)"));
        }
        if (claimant.name().equals(name)) {
            removeWithData(claimant);
        } else {
            domains.removeClaim(claim.get());
            domains.flush();
        }
    }

    private boolean mayManage(Caller caller, String domainName) {
        return caller.role() != AccountRole.EMAIL_USER && tenancy.of(caller).covers(domainName);
    }

    @Override
    public DomainDetails addAlias(Caller caller, String name, String alias) {
        Tenancy.requireCaller(caller);
        if (!caller.admin() && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only administrators and resellers add aliases; ask your provider");
        }
        Domain domain = find(caller, name);
        String normalized = normalize(alias);
        if (normalized.equals(domain.name())) {
            throw new InvalidRequest("a domain cannot be its own alias");
        }
        release(caller, normalized);
        if (caller.admin()) {
            guarded(
                    () -> {
                        domain.addAlias(normalized);
                        return domain;
                    });
        } else {
            domains.addClaim(new DomainClaim(normalized, domain.id()));
        }
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails removeAlias(Caller caller, String name, String alias) {
        Domain domain = find(caller, name);
        String normalized = normalize(alias);
        Optional<DomainClaim> pending =
                domains.findClaim(normalized)
                        .filter(
                                c ->
                                        c.domainId() == domain.id()
                                                && !c.name().equals(domain.name()));
        if (pending.isPresent()) {
            domains.removeClaim(pending.get());
        } else if (!domain.removeAlias(normalized)) {
            throw new NotFound(alias + " is not an alias of " + domain.name());
        }
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails verify(Caller caller, String name) {
        Domain domain = find(caller, name);
        List<DomainClaim> claims = domains.claimsOf(domain.id());
        if (claims.isEmpty()) {
            return details(domain);
        }
        if (domains.verification() != DomainVerification.DNS) {
            throw new Conflict(
                    "this installation verifies new domains by an administrator's approval, "
                            + "not by DNS: ask your administrator to approve "
                            + domain.name());
        }
        List<String> failures = new ArrayList<>();
        for (DomainClaim claim : claims) {
            String failure = controlCheck.failure(claim);
            if (failure == null) {
                activate(domain, claim);
            } else {
                failures.add(failure);
            }
        }
        if (failures.size() == claims.size()) {
            throw new InvalidRequest("control is not proven yet. " + String.join(" ", failures));
        }
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails approve(Caller caller, String name) {
        Tenancy.requireAdmin(caller, "approve domains");
        String normalized = normalize(name);
        Domain domain =
                domains.findByName(normalized)
                        .or(
                                () ->
                                        domains.findClaim(normalized)
                                                .flatMap(c -> domains.findById(c.domainId())))
                        .orElseThrow(() -> new NotFound("no hosted domain " + name));
        domains.claimsOf(domain.id()).forEach(c -> activate(domain, c));
        changed();
        return details(domain);
    }

    @Override
    public String verificationMethod(Caller caller) {
        Tenancy.requireCaller(caller);
        return domains.verification().key();
    }

    @Override
    public String changeVerificationMethod(Caller caller, String method) {
        Tenancy.requireAdmin(caller, "choose how domains are verified");
        DomainVerification chosen = guarded(() -> DomainVerification.parse(method));
        domains.changeVerification(chosen);
        return chosen.key();
    }

    /** Control proven: the domain takes mail under the claimed name from now on. */
    private void activate(Domain domain, DomainClaim claim) {
        domains.removeClaim(claim);
        if (!claim.name().equals(domain.name())) {
            domain.addAlias(claim.name());
        }
    }

    @Override
    public DomainDetails replaceDestinations(
            Caller caller, String name, List<DomainDetails.Route> routes) {
        Domain domain = find(caller, name);
        List<DestinationRoute> checked = routes(routes);
        destinationCheck.requireAllowed(caller, checked);
        guarded(
                () -> {
                    domain.replaceRoutes(checked);
                    return domain;
                });
        catchAllRule.requireAllowed(domain);
        // Answers of the old destination say nothing about the new one.
        recipientAnswers.forget(domain.name());
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails replaceLocalRecipients(
            Caller caller, String name, List<String> localParts) {
        Domain domain = find(caller, name);
        guarded(
                () -> {
                    domain.replaceLocalRecipients(localParts == null ? List.of() : localParts);
                    return domain;
                });
        catchAllRule.requireAllowed(domain);
        changed();
        return details(domain);
    }

    @Override
    public DomainDetails changeSettings(
            Caller caller,
            String name,
            Boolean catchAll,
            String adminContact,
            String password,
            DomainDetails.Reports reports,
            Boolean autoEnableUsers,
            Boolean destinationCatchAll,
            DomainDetails.OutboundChange outbound,
            DomainDetails.RecipientChecksChange checks,
            DomainDetails.TlsPolicyChange tls) {
        Domain domain = find(caller, name);
        double[] thresholds =
                outbound == null ? null : outboundThresholds(caller, domain, outbound);
        // Checked before anything changes, so an invalid value changes nothing.
        DeliveryTls deliveryTls =
                tls == null || tls.delivery() == null ? null : deliveryTls(tls.delivery());
        InboundTls inboundTls =
                tls == null || tls.inbound() == null ? null : inboundTls(tls.inbound());
        // Checked before anything changes, so an invalid report setting changes nothing.
        DomainReportSettings reportSettings =
                reports == null
                        ? null
                        : guarded(
                                () ->
                                        reportRepository
                                                .settingsOf(domain.id())
                                                .with(
                                                        reports.frequency(),
                                                        reports.format(),
                                                        reports.address()));
        boolean wasOn = domain.autoEnableUsers();
        boolean wasCatchAll = domain.catchAll();
        boolean wasMarked = domain.destinationCatchAll();
        if (password != null && caller.role() == AccountRole.DOMAIN) {
            // Its own password: only with the current one (and code), like every account's.
            throw new Forbidden(
                    "a domain login changes its own password with PUT /me/password"
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
        if (reportSettings != null) {
            reportRepository.changeSettings(domain.id(), reportSettings);
        }
        if (autoEnableUsers != null) {
            domain.setAutoEnableUsers(autoEnableUsers);
        }
        if (destinationCatchAll != null) {
            domain.setDestinationCatchAll(destinationCatchAll);
        }
        if (thresholds != null) {
            domain.setOutboundThresholds(boxed(thresholds[0]), boxed(thresholds[1]));
        }
        if (checks != null && checks.verifyRecipients() != null) {
            domain.setVerifyRecipients(checks.verifyRecipients());
        }
        if (checks != null && checks.acceptUnverified() != null) {
            domain.setAcceptUnverified(checks.acceptUnverified());
        }
        if (checks != null && checks.greylisting() != null) {
            domain.setGreylisting(checks.greylisting());
        }
        if (deliveryTls != null) {
            domain.setDeliveryTls(deliveryTls);
        }
        if (inboundTls != null) {
            domain.setInboundTls(inboundTls);
        }
        // Checked when auto-enable is switched on, or when a change while it is on lifts what
        // guarded it; an unrelated change does not probe the destination again.
        if (domain.autoEnableUsers()
                && (!wasOn
                        || wasCatchAll != domain.catchAll()
                        || wasMarked != domain.destinationCatchAll())) {
            catchAllRule.requireAllowed(domain);
        }
        changed();
        return details(domain);
    }

    private static DeliveryTls deliveryTls(String value) {
        return DeliveryTls.of(value)
                .orElseThrow(
                        () ->
                                new InvalidRequest(
                                        "tlsPolicy.delivery must be opportunistic, required or"
                                                + " verified"));
    }

    private static InboundTls inboundTls(String value) {
        return InboundTls.of(value)
                .orElseThrow(
                        () -> new InvalidRequest("tlsPolicy.inbound must be optional or required"));
    }

    /** The largest outbound threshold, either way: GTUBE and list matches score 1000 at most. */
    static final double MAX_OUTBOUND_THRESHOLD = 1000;

    /**
     * The domain's own outbound thresholds after {@code change} ({@code NaN}: the cluster's
     * default), checked before anything changes.
     */
    private double[] outboundThresholds(
            Caller caller, Domain domain, DomainDetails.OutboundChange change) {
        if (caller.role() != AccountRole.ADMIN && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("the outbound thresholds are set by an administrator or reseller");
        }
        if (Boolean.TRUE.equals(change.clusterDefault())) {
            if (change.spamThreshold() != null || change.lockThreshold() != null) {
                throw new InvalidRequest(
                        "clusterDefault resets both thresholds; leave spamThreshold and"
                                + " lockThreshold out");
            }
            return new double[] {Double.NaN, Double.NaN};
        }
        double spam =
                change.spamThreshold() != null
                        ? checkedThreshold("spamThreshold", change.spamThreshold())
                        : domain.outboundSpamThreshold().orElse(Double.NaN);
        double lock =
                change.lockThreshold() != null
                        ? checkedThreshold("lockThreshold", change.lockThreshold())
                        : domain.outboundLockThreshold().orElse(Double.NaN);
        double effectiveSpam = Double.isNaN(spam) ? outboundSettings.spamThreshold() : spam;
        double effectiveLock = Double.isNaN(lock) ? outboundSettings.lockThreshold() : lock;
        if (effectiveLock < effectiveSpam) {
            throw new InvalidRequest(
                    "lockThreshold ("
                            + effectiveLock
                            + ") must not be below spamThreshold ("
                            + effectiveSpam
                            + "): a sender is locked only for mail that was blocked");
        }
        return new double[] {spam, lock};
    }

    private static double checkedThreshold(String name, double value) {
        if (!Double.isFinite(value) || Math.abs(value) > MAX_OUTBOUND_THRESHOLD) {
            throw new InvalidRequest(
                    name + " must be a number between -1000 and 1000, not " + value);
        }
        return value;
    }

    private static Double boxed(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /**
     * The domain login: user name = the domain name, role DOMAIN, PBKDF2-hashed password. Only a
     * login of kind DOMAIN is ever changed here; a name taken by another kind (which the naming
     * rule and the database's check rule out) is refused, never taken over.
     */
    private void setDomainPassword(String domainName, String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidRequest(
                    "the password must be "
                            + MIN_PASSWORD
                            + " to "
                            + MAX_PASSWORD
                            + " characters long");
        }
        String hash = PasswordHash.create(password.toCharArray());
        Optional<UserAccount> login = accounts.find(domainName, AccountRole.DOMAIN);
        if (login.isPresent()) {
            login.get().changePassword(hash);
        } else if (accounts.nameTaken(domainName)) {
            throw new Conflict(
                    "the login name " + domainName + " belongs to another kind of account");
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
        // A removal purged the domain's policy and lists: this node forgets them at once too.
        filterConfiguration.invalidate();
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

    private DomainDetails details(Domain d) {
        return details(
                d,
                domains.claimsOf(d.id()),
                domains.verification(),
                reportRepository.settingsOf(d.id()),
                outboundSettings);
    }

    static DomainDetails details(
            Domain d,
            List<DomainClaim> claims,
            DomainVerification method,
            DomainReportSettings reports,
            OutboundSettings outbound) {
        boolean pending = claims.stream().anyMatch(c -> c.name().equals(d.name()));
        List<String> pendingAliases =
                claims.stream()
                        .map(DomainClaim::name)
                        .filter(n -> !n.equals(d.name()))
                        .sorted()
                        .toList();
        return new DomainDetails(
                d.name(),
                d.aliases().stream().sorted().toList(),
                d.routes().stream()
                        .map(r -> new DomainDetails.Route(r.host(), r.port(), r.priority()))
                        .toList(),
                d.localRecipients().stream().sorted().toList(),
                d.catchAll(),
                d.adminContact(),
                d.createdAt(),
                pending ? DomainDetails.PENDING : DomainDetails.ACTIVE,
                pendingAliases,
                claims.isEmpty() ? null : verification(d, claims, method),
                new DomainDetails.Reports(reports.frequency(), reports.format(), reports.address()),
                d.autoEnableUsers(),
                d.destinationCatchAll(),
                new DomainDetails.Outbound(
                        d.outboundSpamThreshold().orElse(outbound.spamThreshold()),
                        Math.max(
                                d.outboundSpamThreshold().orElse(outbound.spamThreshold()),
                                d.outboundLockThreshold().orElse(outbound.lockThreshold())),
                        d.outboundSpamThreshold().isEmpty() && d.outboundLockThreshold().isEmpty()),
                new DomainDetails.RecipientChecks(
                        d.verifyRecipients(), d.acceptUnverified(), d.greylisting()),
                new DomainDetails.TlsPolicy(d.deliveryTls().id(), d.inboundTls().id()));
    }

    private static DomainDetails.Verification verification(
            Domain d, List<DomainClaim> claims, DomainVerification method) {
        String names = String.join(", ", claims.stream().map(DomainClaim::name).sorted().toList());
        if (method == DomainVerification.APPROVAL) {
            return new DomainDetails.Verification(
                    method.key(),
                    names + " take no mail until an administrator approves them.",
                    List.of());
        }
        return new DomainDetails.Verification(
                method.key(),
                names
                        + " take no mail until you prove you control them: publish each TXT record below"
                        + " in DNS, then verify (POST /api/v1/domains/"
                        + d.name()
                        + "/verify).",
                claims.stream()
                        .sorted(java.util.Comparator.comparing(DomainClaim::name))
                        .map(
                                c ->
                                        new DomainDetails.Challenge(
                                                c.recordName(), "TXT", c.recordValue()))
                        .toList());
    }
}
