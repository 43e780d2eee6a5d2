package org.filtermx.infrastructure.filter.bayes;

/**
 * Feature weights in two primitive arrays (open addressing, linear probing): a million weights
 * take about 24 MB here against some 80 MB as boxed map entries, and lookups touch one or two
 * cache lines instead of chasing pointers. Not thread-safe; {@link CachedWeightStore} guards it.
 */
final class WeightTable {

    private static final long EMPTY = 0L;

    private long[] keys;
    private double[] values;
    private int size;
    private boolean hasZeroKey;
    private double zeroValue;

    WeightTable() {
        this(1024);
    }

    WeightTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new double[capacity];
    }

    int size() {
        return size + (hasZeroKey ? 1 : 0);
    }

    /** The weight of {@code key}, or {@code NaN} when it has none. */
    double get(long key) {
        if (key == EMPTY) {
            return hasZeroKey ? zeroValue : Double.NaN;
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return Double.NaN;
            }
        }
    }

    void put(long key, double value) {
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

    void add(long key, double delta) {
        double current = get(key);
        put(key, Double.isNaN(current) ? delta : current + delta);
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new double[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
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
