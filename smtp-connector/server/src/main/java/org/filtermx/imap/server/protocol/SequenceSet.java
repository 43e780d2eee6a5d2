package org.filtermx.imap.server.protocol;

import java.util.Arrays;

/**
 * A sequence set (RFC 3501 section 9, {@code sequence-set}): ranges of numbers, {@code *} standing
 * for the largest number in use. It names nothing by itself: {@link Snapshot} resolves it against
 * the session's own view of the folder, so it can only ever reach messages the login was shown.
 */
public final class SequenceSet {

    /** {@code *} in a range. */
    public static final long STAR = -1;

    /** Most ranges in one set; a client that needs more can ask twice. */
    static final int RANGE_LIMIT = 10_000;

    private final long[] ranges;

    private SequenceSet(long[] ranges) {
        this.ranges = ranges;
    }

    /** Ranges as pairs of bounds, in the order written; bounds are numbers or {@link #STAR}. */
    long[] ranges() {
        return ranges;
    }

    /** A set of the given single numbers (tests, and SEARCH's own results). */
    public static SequenceSet of(long... numbers) {
        long[] ranges = new long[numbers.length * 2];
        for (int i = 0; i < numbers.length; i++) {
            ranges[2 * i] = numbers[i];
            ranges[2 * i + 1] = numbers[i];
        }
        return new SequenceSet(ranges);
    }

    static SequenceSet parse(CommandCursor in) throws BadCommand {
        long[] ranges = new long[8];
        int count = 0;
        do {
            long from = bound(in);
            long to = in.skip(':') ? bound(in) : from;
            if (count == RANGE_LIMIT * 2) {
                throw new BadCommand("Sequence set too long");
            }
            if (count == ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[count++] = from;
            ranges[count++] = to;
        } while (in.skip(','));
        return new SequenceSet(Arrays.copyOf(ranges, count));
    }

    private static long bound(CommandCursor in) throws BadCommand {
        if (in.skip('*')) {
            return STAR;
        }
        long value = in.number();
        if (value == 0) {
            throw new BadCommand("Invalid sequence set: 0");
        }
        return value;
    }

    /** Whether {@code *} occurs in the set. */
    boolean hasStar() {
        for (long bound : ranges) {
            if (bound == STAR) {
                return true;
            }
        }
        return false;
    }
}
