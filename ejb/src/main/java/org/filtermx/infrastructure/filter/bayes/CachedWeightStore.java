package org.filtermx.infrastructure.filter.bayes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * <p>The chi-square classifier's token counts and message totals are kept and followed the same way
 * (they were a large {@code IN} query and a totals query per scope and message, the biggest
 * database cost of receiving mail). The cluster-wide scope is always kept; of the domains' scopes
 * the {@value #MAX_DOMAIN_SCOPES} used most recently are.
 */
public final class CachedWeightStore implements TokenStore {

    static final int MAX_DOMAIN_SCOPES = 64;
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

    /** How long the copy may go without reading the changed rows while only it trains. */
    static final Duration FULL_READ = Duration.ofMinutes(5);

    private final JdbcTokenStore database;
    private final Duration refresh;
    private final Clock clock;
    private final TransactionEnd transactions;

    /**
     * One batch write at a time on this node, from its first row until its transaction ends: a
     * second writer would only wait for the first one's row locks in the database (and on H2 run
     * into its lock timeout).
     */
    private final Semaphore writing = new Semaphore(1, true);

    /** The transactions holding {@link #writing}, which may write more scopes without waiting. */
    private final Set<Object> writers = ConcurrentHashMap.newKeySet();

    /**
     * How long a batch waits for the one before it: a batch of a thousand messages takes seconds to
     * write, tens of seconds on a busy machine (30 s were too few for two bulk uploads at a load
     * average of 17 on 2 cores). Within the container's transaction timeout.
     */
    static final Duration WRITE_WAIT = Duration.ofSeconds(120);

    private final Map<String, Cached> scopes;

    /** One scope's weights and when they were last brought up to date. */
    private static final class Cached {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final ReentrantLock syncing = new ReentrantLock();
        volatile WeightTable table;

        /** Token hash to counts, spam in the high 32 bits and ham in the low. */
        volatile WeightTable counts;

        volatile long spamMessages;
        volatile long hamMessages;
        volatile Instant syncedFrom;
        volatile Instant checkedAt;
    }

    public CachedWeightStore(JdbcTokenStore database, Duration refresh) {
        this(database, refresh, Clock.systemUTC(), TransactionEnd.AUTO_COMMIT);
    }

    /**
     * A store whose batch writes ({@link #apply}) reach this node's copy once {@code transactions}
     * says the caller's transaction committed, and never when it rolled back.
     */
    public CachedWeightStore(
            JdbcTokenStore database, Duration refresh, TransactionEnd transactions) {
        this(database, refresh, Clock.systemUTC(), transactions);
    }

    CachedWeightStore(JdbcTokenStore database, Duration refresh, Clock clock) {
        this(database, refresh, clock, TransactionEnd.AUTO_COMMIT);
    }

    CachedWeightStore(
            JdbcTokenStore database, Duration refresh, Clock clock, TransactionEnd transactions) {
        this.database = database;
        this.refresh = refresh;
        this.clock = clock;
        this.transactions = transactions;
        this.scopes =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                        return size() > MAX_DOMAIN_SCOPES + 1 && !eldest.getKey().equals(GLOBAL);
                    }
                };
    }

    @Override
    public TokenStatistics counts(String scope, Collection<String> tokens) {
        Cached cached = current(scope);
        Map<String, TokenCounts> found = new HashMap<>(tokens.size() * 2);
        long[] hashes = TokenHash.of(tokens);
        cached.lock.readLock().lock();
        try {
            int i = 0;
            for (String token : tokens) {
                long packed = cached.counts.getLong(hashes[i++], 0L);
                if (packed != 0L) {
                    found.put(token, new TokenCounts(packed >>> 32, packed & 0xFFFF_FFFFL));
                }
            }
            return new TokenStatistics(found, cached.spamMessages, cached.hamMessages);
        } finally {
            cached.lock.readLock().unlock();
        }
    }

    @Override
    public void learn(String scope, Collection<String> tokens, boolean spam) {
        database.learn(scope, tokens, spam);
        readAgainSoon(scope);
    }

    @Override
    public void unlearn(String scope, Collection<String> tokens, boolean spam) {
        database.unlearn(scope, tokens, spam);
        readAgainSoon(scope);
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
        readAgainSoon(scope);
    }

    /**
     * Writes a batch, and once its transaction has committed adds the same changes to this node's
     * copy instead of reading them back: reading back was most of the cost of training, since every
     * weight a message touches changes. A copy that a refresh brought up to date between the commit
     * and this addition counts the batch twice until the next refresh, which reads the batch's rows
     * again (they are within {@link #CLOCK_MARGIN}) and sets their absolute values.
     */
    @Override
    public void apply(String scope, TrainingChanges changes) {
        Object transaction = transactions.current();
        boolean first = transaction == null || !writers.contains(transaction);
        if (first) {
            awaitTurn();
            if (transaction != null) {
                writers.add(transaction);
            }
        }
        boolean handedOver = false;
        try {
            database.apply(scope, changes);
            transactions.whenEnded(
                    committed -> {
                        try {
                            if (committed) {
                                addLocally(scope, changes);
                            }
                        } finally {
                            if (first) {
                                release(transaction);
                            }
                        }
                    });
            handedOver = true;
        } finally {
            if (first && !handedOver) {
                release(transaction);
            }
        }
    }

    private void release(Object transaction) {
        if (transaction != null) {
            writers.remove(transaction);
        }
        writing.release();
    }

    private void awaitTurn() {
        try {
            if (!writing.tryAcquire(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                // A lock wait that timed out, as the database reports one: temporary (503).
                throw new TokenStoreException(
                        "another training batch is still being written",
                        new java.sql.SQLTransientException("training write lock wait timed out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenStoreException("interrupted waiting to write training", e);
        }
    }

    private void addLocally(String scope, TrainingChanges changes) {
        Cached cached;
        synchronized (scopes) {
            cached = scopes.get(scope);
        }
        if (cached == null) {
            return;
        }
        cached.lock.writeLock().lock();
        try {
            if (cached.table == null) {
                return;
            }
            for (long hash : changes.tokenHashes()) {
                long old = cached.counts.getLong(hash, 0L);
                cached.counts.putLong(
                        hash,
                        pack(
                                (int) (old >>> 32) + changes.spamAdded(hash),
                                (int) (old & 0xFFFF_FFFFL) + changes.hamAdded(hash)));
            }
            for (long feature : changes.features()) {
                cached.table.add(feature, changes.weightChange(feature));
            }
            cached.spamMessages += changes.spamMessages();
            cached.hamMessages += changes.hamMessages();
        } finally {
            cached.lock.writeLock().unlock();
        }
    }

    /**
     * Makes the next scan follow the scope's changes. A write is not applied here: it may belong to
     * a transaction that rolls back. The next scan reads the committed rows again (the margin
     * covers a commit within it).
     */
    private void readAgainSoon(String scope) {
        Cached cached;
        synchronized (scopes) {
            cached = scopes.get(scope);
        }
        if (cached != null && cached.checkedAt != null) {
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
            WeightTable weights = new WeightTable();
            database.forEachWeight(scope, null, weights::put);
            WeightTable counts = new WeightTable();
            long[] totals =
                    database.forEachCount(
                            scope,
                            null,
                            (hash, spam, ham) -> counts.putLong(hash, pack(spam, ham)));
            cached.lock.writeLock().lock();
            try {
                cached.table = weights;
                cached.counts = counts;
                cached.spamMessages = totals[0];
                cached.hamMessages = totals[1];
            } finally {
                cached.lock.writeLock().unlock();
            }
        } else if (cached.checkedAt.plus(refresh).isBefore(now)) {
            if (onlyOwnChanges(scope, cached, now)) {
                // Nothing to read: the next read starts from the last one (syncedFrom stays).
                cached.checkedAt = now;
                return;
            }
            Instant since = cached.syncedFrom.minus(CLOCK_MARGIN);
            Map<Long, Double> changed = new HashMap<>();
            database.forEachWeight(scope, since, changed::put);
            Map<Long, Long> changedCounts = new HashMap<>();
            long[] totals =
                    database.forEachCount(
                            scope,
                            since,
                            (hash, spam, ham) -> changedCounts.put(hash, pack(spam, ham)));
            cached.lock.writeLock().lock();
            try {
                changed.forEach(cached.table::put);
                changedCounts.forEach(cached.counts::putLong);
                cached.spamMessages = totals[0];
                cached.hamMessages = totals[1];
            } finally {
                cached.lock.writeLock().unlock();
            }
        } else {
            return;
        }
        cached.syncedFrom = now;
        cached.checkedAt = now;
    }

    /**
     * Whether the scope's rows changed since the last read only by this node's batches, which were
     * added to the copy as they committed ({@link #apply}): then the scope's message totals in the
     * database are the copy's, and reading back the rows changed since (every token and weight the
     * batches touched) would only cost. Training on another node, or on this one outside a batch,
     * changes the totals and the changed rows are read as before. A scope without totals (weights
     * only) is always read, and at least every {@link #FULL_READ} everything changed since the last
     * read is, in case changes elsewhere left the totals as they were (one message learnt and
     * another taken back).
     */
    private boolean onlyOwnChanges(String scope, Cached cached, Instant now) {
        if (cached.syncedFrom.plus(FULL_READ).isBefore(now)) {
            return false;
        }
        long[] totals = database.storedTotals(scope);
        return totals != null
                && totals[0] == cached.spamMessages
                && totals[1] == cached.hamMessages;
    }

    /** A token's counts in one word; zero (an emptied token) reads as absent. */
    private static long pack(int spam, int ham) {
        return ((long) Math.max(spam, 0) << 32) | (Math.max(ham, 0) & 0xFFFF_FFFFL);
    }
}
