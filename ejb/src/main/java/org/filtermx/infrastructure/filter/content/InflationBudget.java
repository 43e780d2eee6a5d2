package org.filtermx.infrastructure.filter.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what inspecting one attachment decompresses and how many entries it lists, and stops the
 * inspection with {@link ArchiveBombException} the moment a limit of {@link ArchiveLimits} is
 * passed, so a bomb is never expanded further than the limits.
 */
final class InflationBudget {

    private final ArchiveLimits limits;
    private final long compressedSize;
    private long inflated;
    private int entries;

    InflationBudget(ArchiveLimits limits, long compressedSize) {
        this.limits = limits;
        this.compressedSize = Math.max(1, compressedSize);
    }

    void countEntry() {
        if (++entries > limits.maxEntries()) {
            throw new ArchiveBombException("more than " + limits.maxEntries() + " entries");
        }
    }

    /** Checks a size an entry declares before any of it is decompressed. */
    void checkDeclared(long declaredSize) {
        if (declaredSize > limits.maxTotalUncompressed()) {
            throw new ArchiveBombException("entry declares " + declaredSize + " bytes");
        }
    }

    /**
     * Wraps a decompressing stream so every byte read from it is counted; closing the wrapper
     * leaves the wrapped stream open, so a nested archive reader can be closed on its own.
     */
    InputStream guard(InputStream decompressed) {
        return new FilterInputStream(decompressed) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public void close() {}

            @Override
            public long skip(long n) throws IOException {
                // Skipping still decompresses; read through the counter instead.
                byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
                long skipped = 0;
                while (skipped < n) {
                    int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }
        };
    }

    private void count(int n) {
        inflated += n;
        if (inflated > limits.maxTotalUncompressed()) {
            throw new ArchiveBombException("more than " + limits.maxTotalUncompressed() + " bytes");
        }
        if (inflated > limits.ratioFloor() && inflated / compressedSize > limits.maxRatio()) {
            throw new ArchiveBombException("expands more than " + limits.maxRatio() + ":1");
        }
    }
}
