package org.filtermx.application.internal.delivery;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.filtermx.domain.model.mtasts.CachedMtaStsPolicy;
import org.filtermx.domain.model.mtasts.MtaStsPolicyRepository;

/**
 * The shared MTA-STS policy cache, each call in a short transaction of its own: the delivery worker
 * that asks holds no transaction while it fetches a policy over the network.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MtaStsLedger {

    @Inject private MtaStsPolicyRepository repository;

    public MtaStsLedger() {}

    MtaStsLedger(MtaStsPolicyRepository repository) {
        this.repository = repository;
    }

    public Optional<CachedMtaStsPolicy> find(String domain, Instant now) {
        return repository.find(domain, now);
    }

    public void store(String domain, CachedMtaStsPolicy policy) {
        repository.store(domain, policy);
    }
}
