package org.filtermx.application.internal;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;

/** The per-node cache of hosted domains and their aliases, reloaded when the revision moves. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Reads only: no transaction of its own on the RCPT path, which never has one.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultHostedDomainDirectory implements HostedDomainDirectory {

    private final RevisionSnapshot<Map<String, HostedDomain>> snapshot =
            new RevisionSnapshot<>("hosted domain directory");

    @Inject private DomainRepository domains;

    @Override
    public Optional<HostedDomain> lookup(String domainName) {
        String key = domainName.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(snapshot.get(domains::revision, rev -> load()).get(key));
    }

    @Override
    public void invalidate() {
        snapshot.invalidate();
    }

    private Map<String, HostedDomain> load() {
        Map<String, HostedDomain> byName = new HashMap<>();
        for (Domain d : domains.findAll()) {
            HostedDomain hosted =
                    new HostedDomain(d.name(), d.localRecipients(), d.catchAll(), d.routes());
            byName.put(d.name(), hosted);
            for (String alias : d.aliases()) {
                byName.put(alias, hosted);
            }
        }
        return Map.copyOf(byName);
    }
}
