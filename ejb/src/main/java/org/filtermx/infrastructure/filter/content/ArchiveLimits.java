package org.filtermx.infrastructure.filter.content;

/**
 * How far and how much archive inspection may go for one attachment, so that a zip bomb or deep
 * nesting is recognised as such instead of being unpacked.
 *
 * @param maxDepth archive levels looked into, the attachment itself being level 1
 * @param maxTotalUncompressed bytes decompressed across all levels before it counts as a bomb
 * @param maxRatio decompressed to compressed ratio above which it counts as a bomb, once {@code
 *     ratioFloor} bytes have been decompressed
 * @param ratioFloor decompressed bytes below which the ratio is not judged
 * @param maxEntries entries across all levels before it counts as a bomb
 * @param nestedBufferCap bytes of a nested archive held in memory when its format needs random
 *     access (7z); a larger one is inspected as far as this cap reaches
 */
public record ArchiveLimits(
        int maxDepth,
        long maxTotalUncompressed,
        long maxRatio,
        long ratioFloor,
        int maxEntries,
        int nestedBufferCap) {

    public static final int DEFAULT_MAX_DEPTH = 3;
    public static final long DEFAULT_MAX_TOTAL_UNCOMPRESSED = 100L * 1024 * 1024;
    public static final long DEFAULT_MAX_RATIO = 100;
    public static final long DEFAULT_RATIO_FLOOR = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final int DEFAULT_NESTED_BUFFER_CAP = 10 * 1024 * 1024;

    public ArchiveLimits {
        if (maxDepth < 1 || maxTotalUncompressed < 1 || maxRatio < 1 || ratioFloor < 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
        if (maxEntries < 1 || nestedBufferCap < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }

    public static ArchiveLimits defaults() {
        return new ArchiveLimits(
                DEFAULT_MAX_DEPTH,
                DEFAULT_MAX_TOTAL_UNCOMPRESSED,
                DEFAULT_MAX_RATIO,
                DEFAULT_RATIO_FLOOR,
                DEFAULT_MAX_ENTRIES,
                DEFAULT_NESTED_BUFFER_CAP);
    }
}
