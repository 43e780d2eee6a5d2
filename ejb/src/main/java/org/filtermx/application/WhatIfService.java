package org.filtermx.application;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The what-if policy tester: what a proposed change of thresholds or allow/block lists would have
 * done to the last 30 days of a domain's (or, for administrators, every domain's) received mail,
 * worked out from the scores and reasons stored in the message log, without rescanning and without
 * saving anything.
 */
public interface WhatIfService {

    /** How far back the tester looks. */
    int DAYS = 30;

    /** Most sample messages shown per moved cell of the matrix. */
    int SAMPLES_PER_CELL = 5;

    /** Where a message ends up; the matrix's rows and columns, in this order. */
    enum Outcome {
        DELIVERED,
        HELD,
        REFUSED
    }

    /** An allow or block list entry to try, as the list endpoints take it. */
    record ListRule(String action, String matchOn, String pattern) {}

    /**
     * A proposed change: the body of the filter-policy endpoints (null fields inherit, as there)
     * plus list entries that would be added to the domain's (or the cluster's) list.
     */
    record Change(
            Double quarantineThreshold,
            Double rejectThreshold,
            Set<String> disabledScanners,
            String virusEngineDown,
            String spamEngineDown,
            Integer quarantineRetentionDays,
            List<ListRule> addListEntries) {}

    /** The two thresholds a side of the comparison uses (the cluster's, for a cluster-wide run). */
    record Thresholds(double quarantineThreshold, double rejectThreshold) {}

    /** One message that would move, as a sample of its cell. */
    record Sample(
            Outcome from,
            Outcome to,
            String queueId,
            String domain,
            Instant receivedAt,
            String sender,
            String subject,
            double score) {}

    /**
     * The answer: {@code matrix[from][to]} counts messages by their outcome under the settings in
     * force and under the proposed ones (indices in {@link Outcome} order); {@code notJudged}
     * counts log rows without a verdict to re-apply (refused before the filter, or answered 4xx
     * because an engine was down).
     */
    record Result(
            String scope,
            Instant since,
            Instant until,
            Thresholds current,
            Thresholds proposed,
            long messages,
            long moved,
            long notJudged,
            List<List<Long>> matrix,
            List<Sample> samples,
            List<String> notes) {}

    /**
     * Runs the tester for {@code domain}, or cluster-wide for {@code null} or {@code ""}
     * (administrators only). A change the log cannot answer (scanners switched on or off,
     * engine-down rules, recipient list entries) is refused with {@link InvalidRequest}.
     */
    Result simulate(Caller caller, String domain, Change change);
}
