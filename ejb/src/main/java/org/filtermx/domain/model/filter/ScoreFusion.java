package org.filtermx.domain.model.filter;

import java.util.List;

/**
 * Turns the reasons the scanners gave one message into the scores that count: statistical evidence
 * is weighed jointly (ADR 0019) rather than each scanner's score added as it came, while policy
 * reasons (GTUBE, malware, blocked attachments, allow and block lists, engines down) keep their
 * fixed scores. The pipeline sums the scores of the reasons returned, against the domain's
 * thresholds as before.
 */
public interface ScoreFusion {

    /** Adds the scores as given: the behaviour before fusion, and for tests of other parts. */
    ScoreFusion SUM =
            new ScoreFusion() {
                @Override
                public List<Reason> fuse(List<Reason> reasons) {
                    return List.copyOf(reasons);
                }

                @Override
                public void learn(List<Reason> reasons, boolean spam) {}
            };

    /** The same reasons, in the same order, each with the score it contributes. */
    List<Reason> fuse(List<Reason> reasons);

    /**
     * Moves the weights a small, bounded step towards {@code spam} for a message that scanned with
     * {@code reasons} (the scanners' own, before fusion).
     */
    void learn(List<Reason> reasons, boolean spam);
}
