package org.filtermx.application.internal.whatif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.WhatIfService;
import org.filtermx.application.WhatIfService.Outcome;

/**
 * The 3×3 matrix being counted while the log streams by, with the ids of the first few messages of
 * each moved cell (the log is read newest first, so these are the most recent ones). Memory stays
 * fixed whatever the number of rows.
 */
public final class TransitionTally {

    private static final int N = Outcome.values().length;

    private final long[][] counts = new long[N][N];
    private final List<List<Long>> sampleIds = new ArrayList<>();
    private final Map<Long, Outcome[]> sampleCells = new LinkedHashMap<>();
    private final int samplesPerCell;
    private long notJudged;

    public TransitionTally() {
        this(WhatIfService.SAMPLES_PER_CELL);
    }

    TransitionTally(int samplesPerCell) {
        this.samplesPerCell = samplesPerCell;
        for (int i = 0; i < N * N; i++) {
            sampleIds.add(new ArrayList<>());
        }
    }

    public void count(long logId, Outcome from, Outcome to) {
        count(logId, from, to, 1);
    }

    /** Counts {@code n} messages of one group, {@code logId} being one of them (a sample). */
    public void count(long logId, Outcome from, Outcome to, long n) {
        counts[from.ordinal()][to.ordinal()] += n;
        sample(logId, from, to);
    }

    /** Keeps {@code logId} as a sample of its cell if it moved and the cell has room. */
    public void sample(long logId, Outcome from, Outcome to) {
        if (from != to) {
            List<Long> ids = sampleIds.get(from.ordinal() * N + to.ordinal());
            if (ids.size() < samplesPerCell && !ids.contains(logId)) {
                ids.add(logId);
                sampleCells.put(logId, new Outcome[] {from, to});
            }
        }
    }

    public void notJudged() {
        notJudged++;
    }

    public void notJudged(long n) {
        notJudged += n;
    }

    public long notJudgedCount() {
        return notJudged;
    }

    public long count(Outcome from, Outcome to) {
        return counts[from.ordinal()][to.ordinal()];
    }

    public long total() {
        long sum = 0;
        for (long[] row : counts) {
            for (long c : row) {
                sum += c;
            }
        }
        return sum;
    }

    public long moved() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (i != j) {
                    sum += counts[i][j];
                }
            }
        }
        return sum;
    }

    /** Rows are the outcome now, columns the proposed one. */
    public List<List<Long>> matrix() {
        List<List<Long>> rows = new ArrayList<>(N);
        for (long[] row : counts) {
            List<Long> r = new ArrayList<>(N);
            for (long c : row) {
                r.add(c);
            }
            rows.add(List.copyOf(r));
        }
        return List.copyOf(rows);
    }

    /** The sample ids of the moved cells, each with its cell (now, proposed), in matrix order. */
    public Map<Long, Outcome[]> sampleCells() {
        return sampleCells;
    }
}
