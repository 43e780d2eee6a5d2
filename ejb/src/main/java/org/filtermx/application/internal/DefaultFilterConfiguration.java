package org.filtermx.application.internal;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.ListAction;
import org.filtermx.domain.model.filter.FilterListEntry.MatchOn;
import org.filtermx.domain.model.filter.FilterListEntry.OwnerType;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicyRecord;
import org.filtermx.domain.model.filter.FilterSettingsRepository;
import org.filtermx.domain.model.filter.ListDecision;

/**
 * Policies and list entries, cached per node and reloaded when the configuration revision moves.
 * An allow entry at any level wins over block entries for the same message: the more specific
 * owner chose to receive it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultFilterConfiguration implements FilterConfiguration {

    private record Settings(FilterPolicy defaults, Map<String, FilterPolicy> byDomain, List<FilterListEntry> entries) {}

    private final RevisionSnapshot<Settings> snapshot = new RevisionSnapshot<>("filter settings");

    @Inject private FilterSettingsRepository repository;
    @Inject private DomainRepository domains;

    @Override
    public FilterPolicy policyFor(String domain) {
        Settings s = settings();
        return s.byDomain().getOrDefault(domain, s.defaults());
    }

    @Override
    public ListDecision lists(String domain, List<String> senders, List<String> recipients) {
        List<FilterListEntry> entries = settings().entries();
        Optional<String> allowedBy = Optional.empty();
        Optional<String> blockedBy = Optional.empty();
        boolean allRecipientsAllowed = !recipients.isEmpty();
        for (String recipient : recipients) {
            boolean recipientAllowed = false;
            for (FilterListEntry e : entries) {
                if (!appliesTo(e, domain, recipient)) {
                    continue;
                }
                if (e.matchOn() == MatchOn.RECIPIENT) {
                    recipientAllowed |= e.action() == ListAction.ALLOW && e.matches(recipient);
                } else if (senders.stream().anyMatch(e::matches)) {
                    if (e.action() == ListAction.ALLOW && allowedBy.isEmpty()) {
                        allowedBy = Optional.of(e.toString());
                    } else if (e.action() == ListAction.BLOCK && blockedBy.isEmpty()) {
                        blockedBy = Optional.of(e.toString());
                    }
                }
            }
            allRecipientsAllowed &= recipientAllowed;
        }
        return new ListDecision(allowedBy, allowedBy.isPresent() ? Optional.empty() : blockedBy, allRecipientsAllowed);
    }

    /** Cluster entries apply to all mail, domain entries to the domain's, user entries to the user's. */
    private static boolean appliesTo(FilterListEntry e, String domain, String recipient) {
        return switch (e.ownerType()) {
            case CLUSTER -> true;
            case DOMAIN -> e.owner().equals(domain);
            case USER -> e.owner().equalsIgnoreCase(recipient);
        };
    }

    @Override
    public void invalidate() {
        snapshot.invalidate();
    }

    private Settings settings() {
        return snapshot.get(domains::revision, rev -> load());
    }

    private Settings load() {
        FilterPolicy defaults = FilterPolicy.DEFAULTS;
        Map<String, FilterPolicyRecord> records = new HashMap<>();
        for (FilterPolicyRecord r : repository.policies()) {
            records.put(r.scope(), r);
        }
        if (records.containsKey("")) {
            defaults = records.get("").over(FilterPolicy.DEFAULTS);
        }
        Map<String, FilterPolicy> byDomain = new HashMap<>();
        for (FilterPolicyRecord r : records.values()) {
            if (!r.scope().isEmpty()) {
                byDomain.put(r.scope(), r.over(defaults));
            }
        }
        return new Settings(defaults, Map.copyOf(byDomain), List.copyOf(repository.listEntries()));
    }

}
