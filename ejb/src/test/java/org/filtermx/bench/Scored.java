package org.filtermx.bench;

import java.util.List;
import org.filtermx.domain.model.filter.Reason;

/**
 * What one configuration of scanners made of one message: its total as {@code FilterPipeline} sums
 * it, whether a scanner found malware (refused whatever the total), and the reasons behind it.
 */
record Scored(String name, boolean spam, double score, boolean malware, List<Reason> reasons) {

    /** Whether a node holding mail from {@code threshold} on would hold this message. */
    boolean held(double threshold) {
        return malware || score >= threshold;
    }
}
