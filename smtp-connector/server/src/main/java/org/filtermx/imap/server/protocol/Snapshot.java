package org.filtermx.imap.server.protocol;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.filtermx.imap.api.MailboxView;

/**
 * The session's view of its selected folder (RFC 3501 section 2.3.1.2): UIDs in ascending order and
 * their flags, where the message sequence number is the index plus one. Sequence sets and UID sets
 * resolve only against these arrays, so a command can name nothing the endpoint did not list for
 * this login. It changes only when the session tells the client (EXPUNGE, EXISTS, FETCH).
 */
public final class Snapshot {

    private final String mailbox;
    private final boolean readOnly;
    private final long uidValidity;
    private long uidNext;
    private long[] uids;
    private int[] flags;

    public Snapshot(MailboxView view, boolean examine) {
        this.mailbox = view.name();
        this.readOnly = examine || view.readOnly();
        this.uidValidity = view.uidValidity();
        this.uidNext = view.uidNext();
        this.uids = view.uids().clone();
        this.flags = view.flags().clone();
    }

    public String mailbox() {
        return mailbox;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public long uidNext() {
        return uidNext;
    }

    public int size() {
        return uids.length;
    }

    /** UID of the message at {@code index} (sequence number minus one). */
    public long uid(int index) {
        return uids[index];
    }

    public int flags(int index) {
        return flags[index];
    }

    void setFlags(int index, int value) {
        flags[index] = value;
    }

    /** Index of {@code uid}, or a negative number when it is not in the snapshot. */
    public int indexOf(long uid) {
        return Arrays.binarySearch(uids, uid);
    }

    /**
     * Indexes named by a sequence set. A number beyond the last message is an error unless the set
     * uses {@code *}, which on an empty folder names nothing (RFC 3501 errata 4048 style leniency).
     */
    public BitSet bySequence(SequenceSet set) throws BadCommand {
        BitSet found = new BitSet(uids.length);
        long[] ranges = set.ranges();
        boolean lenient = set.hasStar();
        for (int i = 0; i < ranges.length; i += 2) {
            long a = ranges[i] == SequenceSet.STAR ? uids.length : ranges[i];
            long b = ranges[i + 1] == SequenceSet.STAR ? uids.length : ranges[i + 1];
            long from = Math.min(a, b);
            long to = Math.max(a, b);
            if (to > uids.length) {
                if (!lenient) {
                    throw new BadCommand("Invalid message sequence number");
                }
                to = uids.length;
            }
            if (from >= 1 && from <= to) {
                found.set((int) from - 1, (int) to);
            }
        }
        return found;
    }

    /**
     * Indexes named by a UID set (RFC 3501 section 6.4.8): UIDs not in the snapshot are ignored;
     * {@code *} is the largest UID in the folder, so {@code n:*} names at least that one.
     */
    public BitSet byUid(SequenceSet set) {
        BitSet found = new BitSet(uids.length);
        if (uids.length == 0) {
            return found;
        }
        long largest = uids[uids.length - 1];
        long[] ranges = set.ranges();
        for (int i = 0; i < ranges.length; i += 2) {
            long a = ranges[i] == SequenceSet.STAR ? largest : ranges[i];
            long b = ranges[i + 1] == SequenceSet.STAR ? largest : ranges[i + 1];
            int from = lowerBound(Math.min(a, b));
            int to = lowerBound(Math.max(a, b) + 1);
            if (from < to) {
                found.set(from, to);
            }
        }
        return found;
    }

    private int lowerBound(long uid) {
        int at = Arrays.binarySearch(uids, uid);
        return at >= 0 ? at : -at - 1;
    }

    /** The UIDs at the set indexes, ascending. */
    public long[] uidsOf(BitSet indexes) {
        long[] result = new long[indexes.cardinality()];
        int n = 0;
        for (int i = indexes.nextSetBit(0); i >= 0; i = indexes.nextSetBit(i + 1)) {
            result[n++] = uids[i];
        }
        return result;
    }

    /**
     * Removes these UIDs and writes one {@code * n EXPUNGE} per removed message (RFC 3501 section
     * 7.4.1), highest sequence number first, so that no response renumbers one still to come.
     */
    public void remove(long[] gone, List<String> responses) {
        BitSet removed = new BitSet(uids.length);
        for (long uid : gone) {
            int at = indexOf(uid);
            if (at >= 0) {
                removed.set(at);
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        for (int i = removed.previousSetBit(uids.length - 1);
                i >= 0;
                i = removed.previousSetBit(i - 1)) {
            responses.add("* " + (i + 1) + " EXPUNGE");
        }
        int kept = uids.length - removed.cardinality();
        long[] newUids = new long[kept];
        int[] newFlags = new int[kept];
        int n = 0;
        for (int i = removed.nextClearBit(0); i < uids.length; i = removed.nextClearBit(i + 1)) {
            newUids[n] = uids[i];
            newFlags[n++] = flags[i];
        }
        uids = newUids;
        flags = newFlags;
    }

    /**
     * Brings the snapshot up to {@code view} and writes what the client must be told: EXPUNGE for
     * messages gone, FETCH FLAGS for changed flags, EXISTS for new messages. Messages that appear
     * below the highest known UID (they cannot be announced without renumbering) wait for the next
     * SELECT.
     */
    public void update(MailboxView view, List<String> responses) {
        long[] newUids = view.uids();
        int[] newFlags = view.flags();
        long[] gone = new long[uids.length];
        int goneCount = 0;
        for (int i = 0; i < uids.length; i++) {
            int at = Arrays.binarySearch(newUids, uids[i]);
            if (at < 0) {
                gone[goneCount++] = uids[i];
            }
        }
        remove(Arrays.copyOf(gone, goneCount), responses);
        for (int i = 0; i < uids.length; i++) {
            int at = Arrays.binarySearch(newUids, uids[i]);
            if (at >= 0 && newFlags[at] != flags[i]) {
                flags[i] = newFlags[at];
                responses.add("* " + (i + 1) + " FETCH (FLAGS " + Wire.flags(flags[i]) + ")");
            }
        }
        long highest = uids.length == 0 ? 0 : uids[uids.length - 1];
        int start = lowerBoundIn(newUids, highest + 1);
        int added = newUids.length - start;
        if (added > 0) {
            int old = uids.length;
            uids = Arrays.copyOf(uids, old + added);
            flags = Arrays.copyOf(flags, old + added);
            System.arraycopy(newUids, start, uids, old, added);
            System.arraycopy(newFlags, start, flags, old, added);
            responses.add("* " + uids.length + " EXISTS");
        }
        uidNext = Math.max(uidNext, view.uidNext());
    }

    private static int lowerBoundIn(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }
}
