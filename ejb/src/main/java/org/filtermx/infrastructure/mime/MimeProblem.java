package org.filtermx.infrastructure.mime;

/**
 * The structure problems the parser reports in {@link
 * org.filtermx.domain.model.filter.ParsedMessage#problems()}, by their enum names, so scanners can
 * score a message that was only partly looked at.
 */
public enum MimeProblem {
    /** Containers nested deeper than {@link MimeLimits#maxNesting()} were not descended into. */
    MIME_NESTING_LIMIT,
    /** More entities than {@link MimeLimits#maxParts()}; the rest of the message was not parsed. */
    PART_COUNT_LIMIT,
    /** An entity had more header fields than {@link MimeLimits#maxHeaderCount()}. */
    HEADER_COUNT_LIMIT,
    /** A header field was longer than {@link MimeLimits#maxHeaderSize()}; parsing stopped. */
    HEADER_SIZE_LIMIT,
    /** Decoding stopped at {@link MimeLimits#totalDecodedCap()}. */
    DECODED_SIZE_LIMIT,
    /**
     * The structure is broken: a missing boundary, a part or header cut short, unreadable input.
     */
    MALFORMED_MIME;

    /** Whether this problem is a limit the parser enforced, rather than damage in the message. */
    public boolean isLimit() {
        return this != MALFORMED_MIME;
    }
}
