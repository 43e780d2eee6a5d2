package org.filtermx.application.internal.whatif;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.filtermx.application.WhatIfService.Outcome;
import org.filtermx.application.port.LoggedVerdict;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.ListAction;
import org.filtermx.domain.model.filter.FilterPolicy;

/**
 * Re-applies a policy and extra list entries to a logged verdict in the order the filter pipeline
 * decides: malware is refused; a sender on an allow list is delivered; then a recipient or sender
 * block refuses; an allow-listed recipient is delivered; otherwise the score against the two
 * thresholds decides. Extra entries match the envelope sender only (the From address is not
 * logged).
 */
public final class Rejudge {

    private Rejudge() {}

    public static Outcome outcome(
            LoggedVerdict v, FilterPolicy policy, List<FilterListEntry> extraEntries) {
        return outcome(
                v,
                byScore(v.score(), policy.quarantineThreshold(), policy.rejectThreshold()),
                extraEntries);
    }

    /** The same with the score already compared with the thresholds ({@code byScore}). */
    public static Outcome outcome(
            LoggedVerdict v, Outcome byScore, List<FilterListEntry> extraEntries) {
        return outcome(
                v,
                byScore,
                matches(extraEntries, ListAction.ALLOW, v.sender()),
                matches(extraEntries, ListAction.BLOCK, v.sender()));
    }

    /**
     * The same with the proposed entries already matched against the sender, as the log query does
     * in SQL when the database counts the rows by group.
     */
    public static Outcome outcome(
            LoggedVerdict v, Outcome byScore, boolean newlyAllowed, boolean newlyBlocked) {
        if (v.malware()) {
            return Outcome.REFUSED;
        }
        if (v.senderAllowed() || newlyAllowed) {
            return Outcome.DELIVERED;
        }
        if (v.blocked() || newlyBlocked) {
            return Outcome.REFUSED;
        }
        if (v.recipientAllowed()) {
            return Outcome.DELIVERED;
        }
        return byScore;
    }

    /** The filter's own comparison: at or above a threshold counts ({@code FilterPipeline}). */
    public static Outcome byScore(double score, double quarantine, double reject) {
        return score >= reject
                ? Outcome.REFUSED
                : score >= quarantine ? Outcome.HELD : Outcome.DELIVERED;
    }

    /**
     * For a message held by its score: the lowest hold threshold, in the console's steps of 0.1, at
     * which it would have been delivered (the next tenth strictly above its score).
     */
    public static double deliveredAtThreshold(double score) {
        return BigDecimal.valueOf(score)
                .setScale(1, RoundingMode.FLOOR)
                .add(BigDecimal.valueOf(1, 1))
                .doubleValue();
    }

    private static boolean matches(
            List<FilterListEntry> entries, ListAction action, String sender) {
        if (entries.isEmpty() || sender == null) {
            return false;
        }
        for (FilterListEntry e : entries) {
            if (e.action() == action && e.matches(sender)) {
                return true;
            }
        }
        return false;
    }
}
