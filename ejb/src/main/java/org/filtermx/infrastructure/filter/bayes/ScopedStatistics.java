package org.filtermx.infrastructure.filter.bayes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the evidence for one message: the cluster-wide counts and weights, plus the recipient
 * domain's own added on top once that domain has trained at least {@value #DOMAIN_MINIMUM} spam and
 * {@value #DOMAIN_MINIMUM} ham. Adding, rather than choosing, keeps a small domain's few hundred
 * messages from outvoting everything else while still letting its own mail (a newsletter it wants,
 * a language it uses) shift the balance; below the minimum a domain's counts are too few to say
 * more than noise.
 *
 * <p>A domain's weights are a correction to the cluster-wide ones: training in a domain steps from
 * the sum of both ({@link #trainingScopes}), so the domain learns only what the cluster-wide
 * weights get wrong for it.
 */
final class ScopedStatistics {

    static final int DOMAIN_MINIMUM = 50;

    private ScopedStatistics() {}

    /**
     * The scopes whose evidence judges mail for {@code domain}: the cluster's, then the domain's.
     */
    static List<String> scanningScopes(TokenStore store, String domain) {
        if (domain == null || domain.isBlank() || domain.equals(TokenStore.GLOBAL)) {
            return List.of(TokenStore.GLOBAL);
        }
        if (!store.counts(domain, List.of()).trainedOn(DOMAIN_MINIMUM)) {
            return List.of(TokenStore.GLOBAL);
        }
        return List.of(TokenStore.GLOBAL, domain);
    }

    /** The scopes whose weights a training step in {@code scope} starts from. */
    static List<String> trainingScopes(String scope) {
        return scope.equals(TokenStore.GLOBAL)
                ? List.of(TokenStore.GLOBAL)
                : List.of(TokenStore.GLOBAL, scope);
    }

    static TokenStatistics counts(
            TokenStore store, List<String> scopes, Collection<String> tokens) {
        TokenStatistics sum = store.counts(scopes.get(0), tokens);
        for (String scope : scopes.subList(1, scopes.size())) {
            sum = sum.plus(store.counts(scope, tokens));
        }
        return sum;
    }

    /** The weights of {@code features} summed over {@code scopes}; not to be changed. */
    static Map<Long, Double> weights(TokenStore store, List<String> scopes, long[] features) {
        if (scopes.size() == 1) {
            return store.weights(scopes.get(0), features);
        }
        Map<Long, Double> sum = new HashMap<>();
        for (String scope : scopes) {
            store.weights(scope, features).forEach((f, w) -> sum.merge(f, w, Double::sum));
        }
        return sum;
    }
}
