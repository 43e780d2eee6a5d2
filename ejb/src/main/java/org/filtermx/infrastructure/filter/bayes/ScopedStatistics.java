package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.List;

/**
 * Gathers the evidence for one message: the cluster-wide counts, plus the recipient domain's own
 * counts added on top once that domain has trained at least {@value #DOMAIN_MINIMUM} spam and
 * {@value #DOMAIN_MINIMUM} ham. Adding, rather than choosing, keeps a small domain's few hundred
 * messages from outvoting everything else while still letting its own mail (a newsletter it wants,
 * a language it uses) shift the balance; below the minimum a domain's counts are too few to say
 * more than noise.
 */
final class ScopedStatistics {

    static final int DOMAIN_MINIMUM = 50;

    private ScopedStatistics() {}

    static TokenStatistics lookup(TokenStore store, String domain, Collection<String> tokens) {
        TokenStatistics global = store.counts(TokenStore.GLOBAL, tokens);
        if (domain == null || domain.isBlank() || domain.equals(TokenStore.GLOBAL)) {
            return global;
        }
        if (!store.counts(domain, List.of()).trainedOn(DOMAIN_MINIMUM)) {
            return global;
        }
        return global.plus(store.counts(domain, tokens));
    }
}
