package org.filtermx.application.internal.whatif;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.filtermx.application.Caller;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.WhatIfService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.internal.filtering.PolicyChanges;
import org.filtermx.application.port.LoggedVerdict;
import org.filtermx.application.port.VerdictLog;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.OwnerType;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicyRecord;
import org.filtermx.domain.model.filter.FilterSettingsRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Runs the what-if tester: checks the proposed change as saving it would, refuses what the log
 * cannot answer, then makes one streamed pass over the window's log rows, judging each under the
 * settings in force and under the proposed ones ({@link Rejudge}), and reads the few samples by id
 * at the end. Nothing is saved.
 */
@Stateless
public class DefaultWhatIfService implements WhatIfService {

    @Inject private Tenancy tenancy;
    @Inject private DomainRepository domains;
    @Inject private FilterConfiguration configuration;
    @Inject private FilterSettingsRepository settings;
    @Inject private VerdictLog log;

    /** How many of the newest rows the sample pass reads. */
    private static final long SAMPLE_SCAN_ROWS = 20_000;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Result simulate(Caller caller, String domain, Change change) {
        String scope = scope(caller, domain);
        if (change == null) {
            throw new InvalidRequest("the body must be a JSON object");
        }
        FilterPolicy current = configuration.policyFor(scope);
        FilterPolicy proposed =
                PolicyChanges.apply(
                        new FilterPolicyRecord(scope),
                        change.quarantineThreshold(),
                        change.rejectThreshold(),
                        change.disabledScanners(),
                        change.virusEngineDown(),
                        change.spamEngineDown(),
                        change.quarantineRetentionDays(),
                        configuration.policyFor(""));
        requireSimulated(current, proposed);
        List<FilterListEntry> extra = extraEntries(scope, change.addListEntries());

        // Every policy is resolved before the log streams: no query runs while it is open.
        Map<String, FilterPolicy> nowByDomain = new HashMap<>();
        Map<String, FilterPolicy> thenByDomain = new HashMap<>();
        if (scope.isEmpty()) {
            for (FilterPolicyRecord r : settings.policies()) {
                if (!r.scope().isEmpty()) {
                    nowByDomain.put(r.scope(), configuration.policyFor(r.scope()));
                    thenByDomain.put(r.scope(), overProposed(r, proposed));
                }
            }
        }
        Function<String, FilterPolicy> currentOf = d -> nowByDomain.getOrDefault(d, current);
        Function<String, FilterPolicy> proposedOf = d -> thenByDomain.getOrDefault(d, proposed);

        Instant until = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant since = until.minus(Duration.ofDays(DAYS));
        TransitionTally tally = new TransitionTally();
        if (scope.isEmpty()) {
            streamEveryDomain(since, until, currentOf, proposedOf, extra, tally);
        } else {
            countGroups(scope, since, until, current, proposed, extra, tally);
        }
        return new Result(
                scope,
                since,
                until,
                new Thresholds(current.quarantineThreshold(), current.rejectThreshold()),
                new Thresholds(proposed.quarantineThreshold(), proposed.rejectThreshold()),
                tally.total(),
                tally.moved(),
                tally.notJudgedCount(),
                tally.matrix(),
                samples(tally),
                notes(scope, extra));
    }

    /**
     * One domain: the database counts the rows by flags and by where the score falls against each
     * pair of thresholds, and each group is judged once here (the fast path, for the 2-second
     * target on a million rows).
     */
    private void countGroups(
            String domain,
            Instant since,
            Instant until,
            FilterPolicy current,
            FilterPolicy proposed,
            List<FilterListEntry> extra,
            TransitionTally tally) {
        // Samples first, from the newest rows only (a bounded read), judged one by one; each moved
        // group's newest row fills a cell these left short.
        List<FilterListEntry> none = List.of();
        log.forEach(
                domain,
                since,
                until,
                !extra.isEmpty(),
                SAMPLE_SCAN_ROWS,
                v ->
                        tally.sample(
                                v.id(),
                                Rejudge.outcome(v, current, none),
                                Rejudge.outcome(v, proposed, extra)),
                () -> {});
        Outcome[] bands = Outcome.values();
        log.groups(
                domain,
                since,
                until,
                new double[] {current.quarantineThreshold(), current.rejectThreshold()},
                new double[] {proposed.quarantineThreshold(), proposed.rejectThreshold()},
                extra,
                g -> {
                    if ((g.flags() & LoggedVerdict.NOT_JUDGED_BIT) != 0) {
                        tally.notJudged(g.count());
                        return;
                    }
                    LoggedVerdict v =
                            LoggedVerdict.of(g.latestId(), domain, Double.NaN, g.flags(), null);
                    tally.count(
                            g.latestId(),
                            Rejudge.outcome(v, bands[g.nowBand()], false, false),
                            Rejudge.outcome(
                                    v, bands[g.proposedBand()], g.newlyAllowed(), g.newlyBlocked()),
                            g.count());
                });
    }

    /** Every domain, each under its own policy: the rows stream by and are judged one by one. */
    private void streamEveryDomain(
            Instant since,
            Instant until,
            Function<String, FilterPolicy> currentOf,
            Function<String, FilterPolicy> proposedOf,
            List<FilterListEntry> extra,
            TransitionTally tally) {
        List<FilterListEntry> none = List.of();
        log.forEach(
                null,
                since,
                until,
                !extra.isEmpty(),
                0,
                v ->
                        tally.count(
                                v.id(),
                                Rejudge.outcome(v, currentOf.apply(v.domain()), none),
                                Rejudge.outcome(v, proposedOf.apply(v.domain()), extra)),
                tally::notJudged);
    }

    /** A domain's own values over proposed defaults, refused as saving the defaults would be. */
    private static FilterPolicy overProposed(FilterPolicyRecord domain, FilterPolicy defaults) {
        try {
            return domain.over(defaults);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(
                    "with these defaults, the domain " + domain.scope() + ": " + e.getMessage());
        }
    }

    private String scope(Caller caller, String domain) {
        if (domain == null || domain.isBlank()) {
            Tenancy.requireAdmin(caller, "try out the cluster's filter settings");
            return "";
        }
        String d = LowerCase.of(domain.strip());
        tenancy.requireManager(caller, d);
        if (domains.findByName(d).isEmpty()) {
            throw new NotFound("no hosted domain " + domain);
        }
        return d;
    }

    /**
     * The log keeps each verdict's total and its reasons' rounded summary, not which scanner gave
     * which points, so only changes that act on the total or on list matches can be re-applied.
     */
    private static void requireSimulated(FilterPolicy current, FilterPolicy proposed) {
        List<String> unsupported = new ArrayList<>();
        if (!current.disabledScanners().equals(proposed.disabledScanners())) {
            unsupported.add("disabledScanners");
        }
        if (current.virusEngineDown() != proposed.virusEngineDown()) {
            unsupported.add("virusEngineDown");
        }
        if (current.spamEngineDown() != proposed.spamEngineDown()) {
            unsupported.add("spamEngineDown");
        }
        if (!unsupported.isEmpty()) {
            throw new InvalidRequest(
                    "the what-if tester cannot simulate a change of "
                            + String.join(", ", unsupported)
                            + ": the log keeps each message's total score, not each scanner's"
                            + " part; only thresholds and sender list entries are simulated"
                            + " (send the other fields as GET filter-policy shows them)");
        }
    }

    private static List<FilterListEntry> extraEntries(String scope, List<ListRule> rules) {
        if (rules == null || rules.isEmpty()) {
            return List.of();
        }
        if (rules.size() > 20) {
            throw new InvalidRequest("at most 20 list entries can be tried at once");
        }
        List<FilterListEntry> entries = new ArrayList<>();
        for (ListRule r : rules) {
            if (r == null) {
                throw new InvalidRequest("addListEntries must hold list entry objects");
            }
            FilterListEntry e =
                    PolicyChanges.listEntry(
                            scope.isEmpty() ? OwnerType.CLUSTER : OwnerType.DOMAIN,
                            scope,
                            r.action(),
                            r.matchOn(),
                            r.pattern());
            if (e.matchOn() != FilterListEntry.MatchOn.SENDER) {
                throw new InvalidRequest(
                        "the what-if tester simulates sender list entries only (matchOn SENDER)");
            }
            entries.add(e);
        }
        return List.copyOf(entries);
    }

    /** The sample rows read by id; their cells are the ones the pass put them in. */
    private List<Sample> samples(TransitionTally tally) {
        Map<Long, Outcome[]> cells = tally.sampleCells();
        List<Sample> samples = new ArrayList<>();
        for (VerdictLog.SampleRow row : log.samples(cells.keySet())) {
            Outcome[] cell = cells.get(row.id());
            samples.add(
                    new Sample(
                            cell[0],
                            cell[1],
                            row.queueId(),
                            row.domain(),
                            row.receivedAt(),
                            row.sender(),
                            row.subject(),
                            row.score()));
        }
        samples.sort(
                Comparator.comparing(Sample::from)
                        .thenComparing(Sample::to)
                        .thenComparing(
                                Sample::receivedAt,
                                Comparator.nullsLast(Comparator.reverseOrder())));
        return List.copyOf(samples);
    }

    private static List<String> notes(String scope, List<FilterListEntry> extra) {
        List<String> notes = new ArrayList<>();
        notes.add(
                "Simulated from the stored scores and reasons of the last "
                        + DAYS
                        + " days' received mail; nothing is rescanned or saved.");
        if (!extra.isEmpty()) {
            notes.add(
                    "Proposed list entries are matched against the envelope sender only (the"
                            + " From address is not logged).");
        }
        if (scope.isEmpty()) {
            notes.add("Domains with their own thresholds keep them under the proposed defaults.");
        }
        return List.copyOf(notes);
    }
}
