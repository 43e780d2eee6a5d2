package org.filtermx.application.internal.operations;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.filtermx.application.TemporaryFailure;

/**
 * A per-node cache of configuration that every node can change: a snapshot is trusted for {@link
 * #FRESHNESS_MILLIS}; after that one cheap query of the shared configuration revision decides
 * whether to reload. Changes made on any node reach every node within that time, changes made here
 * at once (through {@link #invalidate()}).
 */
public final class RevisionSnapshot<T> {

    static final long FRESHNESS_MILLIS = 2_000;

    /**
     * One state of the cache. An invalidation installs a new state that holds nothing, so that a
     * load which began before it cannot replace it ({@code compareAndSet} compares identity).
     */
    private record Held<T>(long revision, long checkedAt, T value, boolean valid) {

        static <T> Held<T> nothing() {
            return new Held<>(0, 0, null, false);
        }
    }

    private final AtomicReference<Held<T>> current = new AtomicReference<>(Held.nothing());
    private final String what;

    public RevisionSnapshot(String what) {
        this.what = what;
    }

    /**
     * The current snapshot, reloaded with {@code load} when the revision moved.
     *
     * @throws TemporaryFailure when the snapshot is stale and the database cannot be reached
     */
    public T get(LongSupplier revision, LongFunction<T> load) {
        Held<T> held = current.get();
        long now = System.currentTimeMillis();
        if (held.valid() && now - held.checkedAt() < FRESHNESS_MILLIS) {
            return held.value();
        }
        try {
            long rev = revision.getAsLong();
            Held<T> next =
                    held.valid() && held.revision() == rev
                            ? new Held<>(rev, now, held.value(), true)
                            : new Held<>(rev, now, load.apply(rev), true);
            // Not installed over an invalidation that happened while this load ran: what it read
            // may predate the change that invalidated the snapshot.
            current.compareAndSet(held, next);
            return next.value();
        } catch (RuntimeException e) {
            throw new TemporaryFailure(what + " unavailable", e);
        }
    }

    public void invalidate() {
        current.set(Held.nothing());
    }
}
