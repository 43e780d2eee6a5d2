package org.filtermx.application.internal.accounts;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.RecipientChecks;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.application.internal.operations.RevisionSnapshot;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainClaim;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The per-node cache of the hosted domains and aliases that take mail (not the pending ones),
 * reloaded when the revision moves.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Reads only: no transaction of its own on the RCPT path, which never has one.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultHostedDomainDirectory implements HostedDomainDirectory {

    private final RevisionSnapshot<Map<String, HostedDomain>> snapshot =
            new RevisionSnapshot<>("hosted domain directory");

    @Inject private AfterCommit afterCommit;
    @Inject private DomainRepository domains;

    @Override
    public Optional<HostedDomain> lookup(String domainName) {
        String key = LowerCase.of(domainName);
        return Optional.ofNullable(snapshot.get(domains::revision, rev -> load()).get(key));
    }

    @Override
    public void invalidate() {
        snapshot.invalidate();
        afterCommit.whenCommitted(snapshot::invalidate);
    }

    private Map<String, HostedDomain> load() {
        Map<String, HostedDomain> byName = new HashMap<>();
        // A domain whose own name is still claimed is pending: it takes no mail, is no route
        // and gets no bounces. Pending aliases are not in the domain's aliases at all.
        Set<String> pending =
                domains.allClaims().stream().map(DomainClaim::name).collect(Collectors.toSet());
        for (Domain d : domains.findAll()) {
            if (pending.contains(d.name())) {
                continue;
            }
            HostedDomain hosted =
                    new HostedDomain(
                            d.name(),
                            d.localRecipients(),
                            d.catchAll(),
                            d.routes(),
                            d.autoEnableUsers(),
                            // A destination the operator marked catch-all needs no callouts.
                            new RecipientChecks(
                                    d.verifyRecipients() && !d.destinationCatchAll(),
                                    d.acceptUnverified(),
                                    d.greylisting()),
                            d.deliveryTls(),
                            d.inboundTls());
            byName.put(d.name(), hosted);
            for (String alias : d.aliases()) {
                byName.put(alias, hosted);
            }
        }
        return Map.copyOf(byName);
    }
}
