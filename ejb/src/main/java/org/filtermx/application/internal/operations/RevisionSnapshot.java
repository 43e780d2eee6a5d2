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

    private record Held<T>(long revision, long checkedAt, T value) {}

    private final AtomicReference<Held<T>> current = new AtomicReference<>();
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
        if (held != null && now - held.checkedAt() < FRESHNESS_MILLIS) {
            return held.value();
        }
        try {
            long rev = revision.getAsLong();
            Held<T> next =
                    held != null && held.revision() == rev
                            ? new Held<>(rev, now, held.value())
                            : new Held<>(rev, now, load.apply(rev));
            current.set(next);
            return next.value();
        } catch (RuntimeException e) {
            throw new TemporaryFailure(what + " unavailable", e);
        }
    }

    public void invalidate() {
        current.set(null);
    }
}
