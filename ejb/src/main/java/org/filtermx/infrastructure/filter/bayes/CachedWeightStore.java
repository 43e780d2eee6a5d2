package org.filtermx.infrastructure.filter.bayes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The database token store with each node keeping the logistic-regression weights in memory.
 * Scanning a message asks for some 2,000 weights; read from the database that is several large
 * {@code IN} queries per message, while the weights change only when someone trains. So each
 * scope's weights are loaded once and then followed: at most every {@code refresh}, the rows
 * changed since the last look (by their {@code updated_at}, with a margin for clock differences
 * between nodes) are read again. Values read are absolute, so reading a change twice is harmless.
 * Training on this node writes to the database and makes the next scan read the changes.
 *
 * <p>The cluster-wide scope is always kept; of the domains' scopes the {@value #MAX_DOMAIN_SCOPES}
 * used most recently are, and others are read from the database as before. Counts are not cached:
 * they are one batched query per message.
 */
public final class CachedWeightStore implements TokenStore {

    static final int MAX_DOMAIN_SCOPES = 64;
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

    private final JdbcTokenStore database;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Cached> scopes;

    /** One scope's weights and when they were last brought up to date. */
    private static final class Cached {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final ReentrantLock syncing = new ReentrantLock();
        volatile WeightTable table;
        volatile Instant syncedFrom;
        volatile Instant checkedAt;
    }

    public CachedWeightStore(JdbcTokenStore database, Duration refresh) {
        this(database, refresh, Clock.systemUTC());
    }

    CachedWeightStore(JdbcTokenStore database, Duration refresh, Clock clock) {
        this.database = database;
        this.refresh = refresh;
        this.clock = clock;
        this.scopes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > MAX_DOMAIN_SCOPES + 1 && !eldest.getKey().equals(GLOBAL);
            }
        };
    }

    @Override
    public TokenStatistics counts(String scope, Collection<String> tokens) {
        return database.counts(scope, tokens);
    }

    @Override
    public void learn(String scope, Collection<String> tokens, boolean spam) {
        database.learn(scope, tokens, spam);
    }

    @Override
    public void unlearn(String scope, Collection<String> tokens, boolean spam) {
        database.unlearn(scope, tokens, spam);
    }

    @Override
    public Map<Long, Double> weights(String scope, long[] features) {
        Cached cached = current(scope);
        Map<Long, Double> found = new HashMap<>(features.length * 2);
        cached.lock.readLock().lock();
        try {
            for (long f : features) {
                double w = cached.table.get(f);
                if (!Double.isNaN(w)) {
                    found.put(f, w);
                }
            }
        } finally {
            cached.lock.readLock().unlock();
        }
        return found;
    }

    @Override
    public void addWeights(String scope, Map<Long, Double> deltas) {
        database.addWeights(scope, deltas);
        Cached cached;
        synchronized (scopes) {
            cached = scopes.get(scope);
        }
        if (cached != null && cached.checkedAt != null) {
            // Not applied here: the write may belong to a transaction that rolls back. The next
            // scan reads the committed rows again (the margin covers a commit within it).
            cached.checkedAt = Instant.EPOCH;
        }
    }

    /** The scope's weights, loaded or brought up to date when due; one thread syncs at a time. */
    private Cached current(String scope) {
        Cached cached;
        synchronized (scopes) {
            cached = scopes.computeIfAbsent(scope, s -> new Cached());
        }
        Instant now = clock.instant();
        boolean due = cached.table == null || cached.checkedAt.plus(refresh).isBefore(now);
        if (!due) {
            return cached;
        }
        // The first load waits for whoever is loading; later refreshes are skipped while one runs.
        if (cached.table == null) {
            cached.syncing.lock();
        } else if (!cached.syncing.tryLock()) {
            return cached;
        }
        try {
            sync(scope, cached, now);
        } finally {
            cached.syncing.unlock();
        }
        return cached;
    }

    private void sync(String scope, Cached cached, Instant now) {
        if (cached.table == null) {
            WeightTable fresh = new WeightTable();
            database.forEachWeight(scope, null, fresh::put);
            cached.lock.writeLock().lock();
            try {
                cached.table = fresh;
            } finally {
                cached.lock.writeLock().unlock();
            }
        } else if (cached.checkedAt.plus(refresh).isBefore(now)) {
            Map<Long, Double> changed = new HashMap<>();
            database.forEachWeight(scope, cached.syncedFrom.minus(CLOCK_MARGIN), changed::put);
            if (!changed.isEmpty()) {
                cached.lock.writeLock().lock();
                try {
                    changed.forEach(cached.table::put);
                } finally {
                    cached.lock.writeLock().unlock();
                }
            }
        } else {
            return;
        }
        cached.syncedFrom = now;
        cached.checkedAt = now;
    }
}
