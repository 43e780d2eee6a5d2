package org.filtermx.application.internal.filtering;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.Forbidden;
import org.filtermx.application.NotFound;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.OwnerType;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicyRecord;
import org.filtermx.domain.model.filter.FilterSettingsRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Filter policy and list administration; every change raises the configuration revision so all
 * nodes reload. Administrators only until resellers and domain logins can manage their own.
 */
@Stateless
public class DefaultFilterAdministration implements FilterAdministration {

    @Inject private FilterSettingsRepository settings;
    @Inject private DomainRepository domains;
    @Inject private FilterConfiguration configuration;
    @Inject private Tenancy tenancy;

    @Override
    public PolicySettings policy(Caller caller, String domain) {
        String scope = scope(caller, domain);
        FilterPolicy p = configuration.policyFor(scope);
        return new PolicySettings(
                scope,
                p.quarantineThreshold(),
                p.rejectThreshold(),
                p.disabledScanners(),
                p.virusEngineDown().name(),
                p.spamEngineDown().name(),
                p.quarantineRetentionDays());
    }

    @Override
    public PolicySettings changePolicy(Caller caller, String domain, PolicySettings change) {
        String scope = scope(caller, domain);
        FilterPolicyRecord record =
                settings.policy(scope)
                        .orElseGet(
                                () -> {
                                    FilterPolicyRecord r = new FilterPolicyRecord(scope);
                                    settings.add(r);
                                    return r;
                                });
        PolicyChanges.apply(
                record,
                change.quarantineThreshold(),
                change.rejectThreshold(),
                change.disabledScanners(),
                change.virusEngineDown(),
                change.spamEngineDown(),
                change.quarantineRetentionDays(),
                configuration.policyFor(""));
        changed();
        return policy(caller, domain);
    }

    @Override
    public List<ListEntry> listEntries(Caller caller, String owner) {
        if (owner == null) {
            requireAdmin(caller);
        } else {
            requireOwner(caller, normalizeOwner(owner));
        }
        List<FilterListEntry> entries =
                owner == null
                        ? settings.listEntries()
                        : settings.listEntries(
                                ownerType(normalizeOwner(owner)), normalizeOwner(owner));
        return entries.stream().map(DefaultFilterAdministration::view).toList();
    }

    @Override
    public ListEntry addListEntry(
            Caller caller, String owner, String action, String matchOn, String pattern) {
        String normalizedOwner = normalizeOwner(owner);
        requireOwner(caller, normalizedOwner);
        OwnerType type = ownerType(normalizedOwner);
        if (type == OwnerType.DOMAIN && domains.findByName(normalizedOwner).isEmpty()) {
            throw new NotFound("no hosted domain " + normalizedOwner);
        }
        FilterListEntry entry =
                PolicyChanges.listEntry(type, normalizedOwner, action, matchOn, pattern);
        FilterListEntry candidate = entry;
        boolean duplicate =
                settings.listEntries(type, normalizedOwner).stream()
                        .anyMatch(candidate::sameRuleAs);
        if (duplicate) {
            throw new Conflict("this list already has that entry");
        }
        settings.add(entry);
        changed();
        return view(entry);
    }

    @Override
    public void removeListEntry(Caller caller, long id) {
        FilterListEntry entry =
                settings.listEntry(id).orElseThrow(() -> new NotFound("no list entry " + id));
        try {
            requireOwner(caller, entry.owner());
        } catch (Forbidden | NotFound e) {
            throw new NotFound("no list entry " + id);
        }
        settings.remove(entry);
        changed();
    }

    private String scope(Caller caller, String domain) {
        if (domain == null || domain.isEmpty()) {
            requireAdmin(caller);
            return "";
        }
        String d = LowerCase.of(domain);
        tenancy.requireManager(caller, d);
        if (domains.findByName(d).isEmpty()) {
            throw new NotFound("no hosted domain " + domain);
        }
        return d;
    }

    /**
     * Who may read and change a list: the cluster's, administrators; a domain's, those who manage
     * the domain; an email user's, those who manage its domain and the email user itself.
     */
    private void requireOwner(Caller caller, String owner) {
        switch (ownerType(owner)) {
            case CLUSTER -> requireAdmin(caller);
            case DOMAIN -> tenancy.requireManager(caller, owner);
            case USER -> {
                Tenancy.requireCaller(caller);
                if (!(caller.role() == AccountRole.EMAIL_USER
                        && caller.username().equalsIgnoreCase(owner))) {
                    tenancy.requireManager(caller, owner.substring(owner.lastIndexOf('@') + 1));
                }
            }
        }
    }

    private void changed() {
        domains.markChanged();
        configuration.invalidate();
    }

    private static String normalizeOwner(String owner) {
        return owner == null ? "" : LowerCase.of(owner.strip());
    }

    private static OwnerType ownerType(String owner) {
        return owner.isEmpty()
                ? OwnerType.CLUSTER
                : owner.contains("@") ? OwnerType.USER : OwnerType.DOMAIN;
    }

    private static void requireAdmin(Caller caller) {
        if (caller == null || !caller.admin()) {
            throw new Forbidden("only administrators manage the cluster's filter settings");
        }
    }

    private static ListEntry view(FilterListEntry e) {
        return new ListEntry(
                e.id(),
                e.ownerType().name(),
                e.owner(),
                e.action().name(),
                e.matchOn().name(),
                e.pattern());
    }
}
