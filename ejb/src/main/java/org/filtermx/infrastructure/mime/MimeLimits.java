package org.filtermx.infrastructure.mime;

/**
 * The bounds on parsing one message, so that nesting, part count, header floods and decoded size
 * cost a known amount of time and memory; defaults follow Postfix and Apache Mime4j.
 *
 * @param maxNesting multipart and message/rfc822 levels descended into ({@code mime_nesting_limit})
 * @param maxParts entities (the message and each body part) looked at before parsing stops
 * @param maxHeaderCount header fields kept per entity; further fields are dropped
 * @param maxHeaderSize longest single header field in bytes ({@code header_size_limit})
 * @param textCap decoded bytes kept per text/plain or text/html part, and characters kept for the
 *     joined text and HTML bodies
 * @param attachmentCap decoded bytes kept per attachment; its size is still counted beyond this
 * @param totalDecodedCap decoded bytes produced for the whole message before decoding stops
 */
public record MimeLimits(
        int maxNesting,
        int maxParts,
        int maxHeaderCount,
        int maxHeaderSize,
        int textCap,
        int attachmentCap,
        long totalDecodedCap) {

    public static final int DEFAULT_MAX_NESTING = 100;
    public static final int DEFAULT_MAX_PARTS = 1000;
    public static final int DEFAULT_MAX_HEADER_COUNT = 1000;
    public static final int DEFAULT_MAX_HEADER_SIZE = 102_400;
    public static final int DEFAULT_TEXT_CAP = 256 * 1024;
    public static final int DEFAULT_ATTACHMENT_CAP = 10 * 1024 * 1024;
    public static final long DEFAULT_TOTAL_DECODED_CAP = 50L * 1024 * 1024;

    public MimeLimits {
        requirePositive(maxNesting, "maxNesting");
        requirePositive(maxParts, "maxParts");
        requirePositive(maxHeaderCount, "maxHeaderCount");
        requirePositive(maxHeaderSize, "maxHeaderSize");
        requirePositive(textCap, "textCap");
        requirePositive(attachmentCap, "attachmentCap");
        if (totalDecodedCap <= 0) {
            throw new IllegalArgumentException("totalDecodedCap must be positive");
        }
    }

    public static MimeLimits defaults() {
        return new MimeLimits(
                DEFAULT_MAX_NESTING,
                DEFAULT_MAX_PARTS,
                DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_HEADER_SIZE,
                DEFAULT_TEXT_CAP,
                DEFAULT_ATTACHMENT_CAP,
                DEFAULT_TOTAL_DECODED_CAP);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
