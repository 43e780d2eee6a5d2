package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.filtermx.application.port.MtaStsSource;
import org.filtermx.domain.model.mtasts.CachedMtaStsPolicy;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The MTA-STS policy in force for a recipient domain (RFC 8461 section 5.1): the TXT record's id is
 * looked up for every delivery (DNS caches it); a policy kept in the shared cache under the same id
 * is used as it is; a new id means a fetch, whose policy replaces the kept one. Without a TXT
 * record, or when the lookup or the fetch fails, a kept policy that has not expired still applies;
 * with none, the domain has no policy and delivery is opportunistic. A failed fetch is not repeated
 * by this node for {@link #FAILED_FETCH_PAUSE}, and concurrent deliveries to one domain share one
 * fetch.
 */
@ApplicationScoped
class MtaStsPolicies {

    private static final Logger LOG = Logger.getLogger(MtaStsPolicies.class.getName());

    /** How long a node waits before fetching a policy again that it could not fetch. */
    static final Duration FAILED_FETCH_PAUSE = Duration.ofMinutes(5);

    /** Bound on the failure notes a node keeps; past it they are forgotten at once. */
    static final int MAX_FAILURE_NOTES = 10_000;

    @Inject private MtaStsSource source;
    @Inject private MtaStsLedger ledger;

    private Clock clock = Clock.systemUTC();
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<MtaStsSource.Fetched>> inFlight =
            new ConcurrentHashMap<>();

    MtaStsPolicies() {}

    MtaStsPolicies(MtaStsSource source, MtaStsLedger ledger, Clock clock) {
        this.source = source;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The policy that applies to mail for {@code domain}, if any. */
    Optional<MtaStsPolicy> policyFor(String domain) {
        String key = LowerCase.of(domain.strip());
        Instant now = clock.instant();
        Optional<CachedMtaStsPolicy> kept = ledger.find(key, now);
        MtaStsSource.Record record = source.record(key);
        if (record.status() != MtaStsSource.Status.FOUND) {
            // Section 5.1: a kept policy is used until it expires, even without the record.
            return kept.map(CachedMtaStsPolicy::policy);
        }
        if (kept.isPresent() && kept.get().policy().id().equals(record.id())) {
            return kept.map(CachedMtaStsPolicy::policy);
        }
        String attempt = key + " " + record.id();
        Instant pause = failedUntil.get(attempt);
        if (pause != null && now.isBefore(pause)) {
            return kept.map(CachedMtaStsPolicy::policy);
        }
        MtaStsSource.Fetched fetched = fetchOnce(attempt, key, record.id());
        if (fetched.ok()) {
            failedUntil.remove(attempt);
            ledger.store(key, CachedMtaStsPolicy.fetched(fetched.policy(), now));
            return Optional.of(fetched.policy());
        }
        if (failedUntil.size() >= MAX_FAILURE_NOTES) {
            failedUntil.clear();
        }
        failedUntil.put(attempt, now.plus(FAILED_FETCH_PAUSE));
        LOG.warning(
                "MTA-STS policy of "
                        + key
                        + " (id "
                        + record.id()
                        + ") could not be fetched: "
                        + fetched.failure()
                        + (kept.isPresent()
                                ? "; the cached policy (id "
                                        + kept.get().policy().id()
                                        + ") applies"
                                : "; delivering without a policy"));
        return kept.map(CachedMtaStsPolicy::policy);
    }

    /** One fetch per domain and id at a time on this node; the others wait for its outcome. */
    private MtaStsSource.Fetched fetchOnce(String attempt, String domain, String id) {
        CompletableFuture<MtaStsSource.Fetched> mine = new CompletableFuture<>();
        CompletableFuture<MtaStsSource.Fetched> running = inFlight.putIfAbsent(attempt, mine);
        if (running != null) {
            return running.join();
        }
        try {
            MtaStsSource.Fetched fetched = source.fetch(domain, id);
            mine.complete(fetched);
            return fetched;
        } catch (RuntimeException e) {
            MtaStsSource.Fetched failed = MtaStsSource.Fetched.failed(e.toString());
            mine.complete(failed);
            return failed;
        } finally {
            inFlight.remove(attempt, mine);
        }
    }
}
