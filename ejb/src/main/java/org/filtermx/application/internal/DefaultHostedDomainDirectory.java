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
import java.util.concurrent.atomic.AtomicReference;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * The per-node cache of hosted domains. A snapshot is trusted for {@link #FRESHNESS_MILLIS};
 * after that one cheap revision query decides whether to reload, so changes made on any node
 * reach every node within that time, and changes made here are seen at once.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Reads only: no transaction of its own on the RCPT path, which never has one.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultHostedDomainDirectory implements HostedDomainDirectory {

    static final long FRESHNESS_MILLIS = 2_000;

    private record Snapshot(long revision, long checkedAt, Map<String, HostedDomain> byName) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    @Inject private DomainRepository domains;

    @Override
    public Optional<HostedDomain> lookup(String domainName) {
        String key = domainName.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(fresh().byName().get(key));
    }

    @Override
    public void invalidate() {
        current.set(null);
    }

    private Snapshot fresh() {
        Snapshot snap = current.get();
        long now = System.currentTimeMillis();
        if (snap != null && now - snap.checkedAt() < FRESHNESS_MILLIS) {
            return snap;
        }
        try {
            long revision = domains.revision();
            Snapshot next =
                    snap != null && snap.revision() == revision
                            ? new Snapshot(revision, now, snap.byName())
                            : load(revision, now);
            current.set(next);
            return next;
        } catch (RuntimeException e) {
            throw new TemporaryFailure("hosted domain directory unavailable", e);
        }
    }

    private Snapshot load(long revision, long now) {
        Map<String, HostedDomain> byName = new HashMap<>();
        for (Domain d : domains.findAll()) {
            HostedDomain hosted =
                    new HostedDomain(d.name(), d.localRecipients(), d.catchAll(), d.routes());
            byName.put(d.name(), hosted);
            for (String alias : d.aliases()) {
                byName.put(alias, hosted);
            }
        }
        return new Snapshot(revision, now, Map.copyOf(byName));
    }
}
