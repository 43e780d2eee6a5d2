package org.filtermx.application.internal.filtering;

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
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.application.internal.operations.RevisionSnapshot;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.ListAction;
import org.filtermx.domain.model.filter.FilterListEntry.MatchOn;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicyRecord;
import org.filtermx.domain.model.filter.FilterSettingsRepository;
import org.filtermx.domain.model.filter.ListDecision;

/**
 * Policies and list entries, cached per node and reloaded when the configuration revision moves. An
 * allow entry wins over a block entry for the same sender, whatever their levels: a list entry that
 * lets mail through is a deliberate choice by someone entitled to receive it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultFilterConfiguration implements FilterConfiguration {

    private record Settings(
            FilterPolicy defaults,
            Map<String, FilterPolicy> byDomain,
            List<FilterListEntry> entries) {}

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(DefaultFilterConfiguration.class.getName());

    private final RevisionSnapshot<Settings> snapshot = new RevisionSnapshot<>("filter settings");

    @Inject private AfterCommit afterCommit;
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
        Optional<String> senderAllowed = Optional.empty();
        Optional<String> senderBlocked = Optional.empty();
        Optional<String> recipientBlocked = Optional.empty();
        boolean allRecipientsAllowed = !recipients.isEmpty();
        boolean allRecipientsBlocked = !recipients.isEmpty();
        for (String recipient : recipients) {
            boolean allowed = false;
            Optional<String> blocked = Optional.empty();
            for (FilterListEntry e : entries) {
                if (!appliesTo(e, domain, recipient)) {
                    continue;
                }
                boolean allow = e.action() == ListAction.ALLOW;
                if (e.matchOn() == MatchOn.RECIPIENT) {
                    if (e.matches(recipient)) {
                        allowed |= allow;
                        blocked =
                                allow || blocked.isPresent() ? blocked : Optional.of(e.toString());
                    }
                } else if (senders.stream().anyMatch(e::matches)) {
                    if (allow && senderAllowed.isEmpty()) {
                        senderAllowed = Optional.of(e.toString());
                    } else if (!allow && senderBlocked.isEmpty()) {
                        senderBlocked = Optional.of(e.toString());
                    }
                }
            }
            allRecipientsAllowed &= allowed;
            allRecipientsBlocked &= blocked.isPresent() && !allowed;
            recipientBlocked = recipientBlocked.isPresent() ? recipientBlocked : blocked;
        }
        return new ListDecision(
                senderAllowed,
                senderAllowed.isPresent() ? Optional.empty() : senderBlocked,
                allRecipientsAllowed,
                allRecipientsBlocked ? recipientBlocked : Optional.empty());
    }

    /**
     * Cluster entries apply to all mail, domain entries to the domain's, user entries to the
     * user's.
     */
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
        afterCommit.whenCommitted(snapshot::invalidate);
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
                try {
                    byDomain.put(r.scope(), r.over(defaults));
                } catch (IllegalArgumentException e) {
                    // A domain override that no longer fits the defaults must not stop all mail.
                    LOG.warning("filter policy of " + r.scope() + " ignored: " + e.getMessage());
                }
            }
        }
        return new Settings(defaults, Map.copyOf(byDomain), List.copyOf(repository.listEntries()));
    }
}
