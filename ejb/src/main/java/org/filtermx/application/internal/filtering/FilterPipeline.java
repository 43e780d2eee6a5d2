package org.filtermx.application.internal.filtering;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.Metrics;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicy.EngineDown;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.Verdict;

/**
 * Runs the enabled scanners over a message and turns their reasons into a verdict under the
 * domain's policy: malware is refused; an allow-listed sender is delivered whatever the content
 * scores; a block-listed sender is refused; otherwise the total score decides between deliver,
 * quarantine and refuse, the scores being the reasons' fused contributions ({@link
 * org.filtermx.domain.model.filter.ScoreFusion}, ADR 0019). A scanner that cannot answer either
 * fails the message temporarily or is skipped with a logged reason, as the policy says for its kind
 * of engine. A message judged under several policies (recipient domains, users' own lists) is
 * scanned once: each scanner runs once per distinct {@link Scanner#variantFor variant}, and only
 * the decision is made per policy (ADR 0015).
 *
 * <p>All scanners of a message share one time budget ({@code FILTERMX_SCAN_TIME_BUDGET}). When it
 * runs out, the scanner at work is interrupted ({@link ScanWatchdog}; built-in scanners stop at
 * their checkpoints, DNS waits end) and its answer is not used, and the scanners not yet run are
 * not started: each counts as down, so the engine-down rule of its kind decides the message instead
 * of a stalled core. The budget covers the whole message, however many policies judge it.
 */
@ApplicationScoped
public class FilterPipeline {

    private static final Logger LOG = Logger.getLogger(FilterPipeline.class.getName());

    @Inject private ScannerSet engines;
    @Inject private InstallationSettings settings;
    @Inject private Metrics metrics = Metrics.NONE;
    @Inject private EngineStates states = new EngineStates();

    private Duration budget;

    FilterPipeline() {}

    /**
     * A pipeline over {@code engines} with a scan time budget, built by hand (tests of intake use
     * one).
     */
    public FilterPipeline(ScannerSet engines, Duration budget) {
        this.engines = engines;
        this.budget = budget;
    }

    @PostConstruct
    void init() {
        budget = settings.scanTimeBudget();
    }

    /**
     * One distinct effective policy among a message's recipients: the domain's, and their lists.
     */
    public record Judged(String domain, FilterPolicy policy, ListDecision lists) {}

    Verdict evaluate(MessageUnderScan message, FilterPolicy policy, ListDecision lists) {
        try (ScanWatchdog.Alarm alarm = ScanWatchdog.arm(budget)) {
            return evaluate(message, policy, lists, null, alarm);
        }
    }

    /** One verdict per policy, in order; the scanners' findings are shared between them. */
    public List<Verdict> evaluate(MessageUnderScan message, List<Judged> policies) {
        try (ScanWatchdog.Alarm alarm = ScanWatchdog.arm(budget)) {
            if (policies.size() == 1) {
                Judged only = policies.get(0);
                return List.of(
                        evaluate(
                                message.forDomain(only.domain()),
                                only.policy(),
                                only.lists(),
                                null,
                                alarm));
            }
            Map<String, Object> findings = new HashMap<>();
            List<Verdict> verdicts = new ArrayList<>(policies.size());
            for (Judged p : policies) {
                verdicts.add(
                        evaluate(
                                message.forDomain(p.domain()),
                                p.policy(),
                                p.lists(),
                                findings,
                                alarm));
            }
            return verdicts;
        }
    }

    private Verdict evaluate(
            MessageUnderScan message,
            FilterPolicy policy,
            ListDecision lists,
            Map<String, Object> findings,
            ScanWatchdog.Alarm alarm) {
        List<Reason> reasons = new ArrayList<>();
        boolean malware = false;
        for (Scanner scanner : engines.scanners()) {
            boolean virusEngine = engines.isMalwareEngine(scanner);
            if (!policy.enabled(scanner.name()) || (lists.recipientsAllowed() && !virusEngine)) {
                continue;
            }
            try {
                ScanResult result =
                        findings == null
                                ? scan(scanner, message, alarm)
                                : scanOnce(scanner, message, findings, alarm);
                reasons.addAll(result.reasons());
                malware |= result.malware();
            } catch (ScannerUnavailable | RuntimeException e) {
                // A scanner bug is treated like an engine that could not answer: the policy
                // decides, so a broken virus scanner never lets mail pass unscanned.
                EngineDown rule = virusEngine ? policy.virusEngineDown() : policy.spamEngineDown();
                LOG.warning("scanner " + scanner.name() + " unavailable: " + e);
                String why = e instanceof ScannerUnavailable ? e.getMessage() : "internal error";
                Reason skipped = new Reason(engineDownRule(scanner), 0, why);
                if (rule == EngineDown.TEMPFAIL) {
                    return new Verdict(Verdict.Action.TEMPFAIL, 0, List.of(skipped), false);
                }
                reasons.add(skipped);
            }
        }
        reasons = new ArrayList<>(engines.fusion().fuse(reasons));
        if (lists.recipientsAllowed()) {
            reasons.add(new Reason("RECIPIENT_ALLOWLISTED", 0, "spam filtering skipped"));
        }
        double score = reasons.stream().mapToDouble(Reason::score).sum();
        if (malware) {
            return new Verdict(Verdict.Action.REJECT, score, reasons, true);
        }
        if (lists.senderAllowedBy().isPresent()) {
            reasons.add(new Reason("SENDER_ALLOWLISTED", 0, lists.senderAllowedBy().get()));
            return new Verdict(Verdict.Action.DELIVER, score, reasons, false);
        }
        if (lists.recipientsBlockedBy().isPresent()) {
            reasons.add(
                    new Reason("RECIPIENT_BLOCKLISTED", 100, lists.recipientsBlockedBy().get()));
            return new Verdict(Verdict.Action.REJECT, score + 100, reasons, false);
        }
        if (lists.senderBlockedBy().isPresent()) {
            reasons.add(new Reason("SENDER_BLOCKLISTED", 100, lists.senderBlockedBy().get()));
            return new Verdict(Verdict.Action.REJECT, score + 100, reasons, false);
        }
        if (lists.recipientsAllowed()) {
            return new Verdict(Verdict.Action.DELIVER, score, reasons, false);
        }
        Verdict.Action action =
                score >= policy.rejectThreshold()
                        ? Verdict.Action.REJECT
                        : score >= policy.quarantineThreshold()
                                ? Verdict.Action.QUARANTINE
                                : Verdict.Action.DELIVER;
        return new Verdict(action, score, reasons, false);
    }

    /**
     * The scanner's result for this message and variant, scanning only the first time; a failure is
     * remembered too, so that each policy applies its own engine-down rule to it.
     */
    private ScanResult scanOnce(
            Scanner scanner,
            MessageUnderScan message,
            Map<String, Object> findings,
            ScanWatchdog.Alarm alarm)
            throws ScannerUnavailable {
        String key = scanner.name() + '\n' + scanner.variantFor(message.recipientDomain());
        Object found = findings.get(key);
        if (found == null) {
            try {
                found = scan(scanner, message, alarm);
            } catch (ScannerUnavailable | RuntimeException e) {
                found = e;
            }
            findings.put(key, found);
        }
        if (found instanceof ScannerUnavailable e) {
            throw e;
        }
        if (found instanceof RuntimeException e) {
            throw e;
        }
        return (ScanResult) found;
    }

    /**
     * One scanner's answer within the message's budget. Once the budget is spent a scanner is not
     * started, and an answer it gives after that (it was interrupted and may answer from partial
     * work) counts as none.
     */
    private ScanResult scan(Scanner scanner, MessageUnderScan message, ScanWatchdog.Alarm alarm)
            throws ScannerUnavailable {
        if (alarm.spent()) {
            throw new ScannerUnavailable(overBudget());
        }
        ScanResult result;
        long start = System.nanoTime();
        try {
            result = scanner.scan(message);
        } catch (ScannerUnavailable | RuntimeException e) {
            if (alarm.spent()) {
                throw new ScannerUnavailable(overBudget(), e);
            }
            states.failed(scanner.name(), String.valueOf(e.getMessage()));
            throw e;
        } finally {
            metrics.scanned(scanner.name(), System.nanoTime() - start);
        }
        states.answered(scanner.name());
        if (alarm.spent()) {
            throw new ScannerUnavailable(overBudget());
        }
        return result;
    }

    private String overBudget() {
        return "scan time budget of " + budget.toMillis() + " ms spent (FILTERMX_SCAN_TIME_BUDGET)";
    }

    private static String engineDownRule(Scanner scanner) {
        return "ENGINE_DOWN_"
                + scanner.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
