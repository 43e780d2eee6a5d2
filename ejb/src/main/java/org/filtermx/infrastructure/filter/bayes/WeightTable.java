package org.filtermx.infrastructure.filter.bayes;

/**
 * Feature weights in two primitive arrays (open addressing, linear probing): a million weights take
 * about 24 MB here against some 80 MB as boxed map entries, and lookups touch one or two cache
 * lines instead of chasing pointers. Values are kept as 64-bit words, so the same table also holds
 * a token's spam and ham counts packed into one ({@link #getLong}, {@link #putLong}). Not
 * thread-safe; {@link CachedWeightStore} guards it.
 */
final class WeightTable {

    private static final long EMPTY = 0L;

    private long[] keys;
    private long[] values;
    private int size;
    private boolean hasZeroKey;
    private long zeroValue;

    WeightTable() {
        this(1024);
    }

    WeightTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
    }

    int size() {
        return size + (hasZeroKey ? 1 : 0);
    }

    /** The weight of {@code key}, or {@code NaN} when it has none. */
    double get(long key) {
        int at = find(key);
        if (at == ABSENT) {
            return Double.NaN;
        }
        return Double.longBitsToDouble(at == ZERO_KEY ? zeroValue : values[at]);
    }

    void put(long key, double value) {
        putLong(key, Double.doubleToRawLongBits(value));
    }

    /** The word stored for {@code key}, or {@code absent} when there is none. */
    long getLong(long key, long absent) {
        int at = find(key);
        return at == ABSENT ? absent : at == ZERO_KEY ? zeroValue : values[at];
    }

    void putLong(long key, long value) {
        if (key == EMPTY) {
            hasZeroKey = true;
            zeroValue = value;
            return;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    private static final int ABSENT = -1;
    private static final int ZERO_KEY = -2;

    /** The slot of {@code key}, {@link #ZERO_KEY} for the key 0, or {@link #ABSENT}. */
    private int find(long key) {
        if (key == EMPTY) {
            return hasZeroKey ? ZERO_KEY : ABSENT;
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return ABSENT;
            }
        }
    }

    void add(long key, double delta) {
        double current = get(key);
        put(key, Double.isNaN(current) ? delta : current + delta);
    }

    /** Receives one entry of the table. */
    @FunctionalInterface
    interface EntrySink {
        void accept(long key, long word);
    }

    /** Passes every entry to {@code sink}, in no particular order. */
    void forEach(EntrySink sink) {
        if (hasZeroKey) {
            sink.accept(0L, zeroValue);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                sink.accept(keys[i], values[i]);
            }
        }
    }

    /** The keys in ascending order, the order writes lock rows in (see {@link JdbcTokenStore}). */
    long[] sortedKeys() {
        long[] sorted = new long[size()];
        int n = 0;
        if (hasZeroKey) {
            sorted[n++] = 0L;
        }
        for (long k : keys) {
            if (k != EMPTY) {
                sorted[n++] = k;
            }
        }
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                putLong(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Spreads the hash's bits: feature keys are hashes already, but their low bits may cluster. */
    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return "WeightTable[" + size() + " weights, capacity " + keys.length + "]";
    }
}
