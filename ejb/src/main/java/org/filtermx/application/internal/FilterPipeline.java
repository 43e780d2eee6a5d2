package org.filtermx.application.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicy.EngineDown;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * Runs the enabled scanners over a message and turns their reasons into a verdict under the
 * domain's policy: malware is refused; an allow-listed sender is delivered whatever the content
 * scores; a block-listed sender is refused; otherwise the total score decides between deliver,
 * quarantine and refuse. A scanner that cannot answer either fails the message temporarily or is
 * skipped with a logged reason, as the policy says for its kind of engine.
 *
 * <p>All scanners of a message share one time budget ({@code FILTERMX_SCAN_TIME_BUDGET}). When it
 * runs out, the scanner at work is interrupted ({@link ScanWatchdog}; built-in scanners stop at
 * their checkpoints, DNS waits end) and its answer is not used, and the scanners not yet run are
 * not started: each counts as down, so the engine-down rule of its kind decides the message
 * instead of a stalled core.
 */
@ApplicationScoped
class FilterPipeline {

    private static final Logger LOG = Logger.getLogger(FilterPipeline.class.getName());

    @Inject private FilterEngines engines;
    @Inject private GatewaySettings settings;

    private Duration budget;

    FilterPipeline() {}

    FilterPipeline(FilterEngines engines, Duration budget) {
        this.engines = engines;
        this.budget = budget;
    }

    @PostConstruct
    void init() {
        budget = settings.scanTimeBudget();
    }

    Verdict evaluate(MessageUnderScan message, FilterPolicy policy, ListDecision lists) {
        List<Reason> reasons = new ArrayList<>();
        boolean malware = false;
        try (ScanWatchdog.Alarm alarm = ScanWatchdog.arm(budget)) {
            for (Scanner scanner : engines.scanners()) {
                boolean virusEngine = engines.isMalwareEngine(scanner);
                if (!policy.enabled(scanner.name()) || (lists.recipientsAllowed() && !virusEngine)) {
                    continue;
                }
                String down = null;
                if (alarm.spent()) {
                    down = overBudget();
                } else {
                    try {
                        ScanResult result = scanner.scan(message);
                        if (alarm.spent()) {
                            // Interrupted mid-way, a scanner may answer from partial work.
                            down = overBudget();
                        } else {
                            reasons.addAll(result.reasons());
                            malware |= result.malware();
                        }
                    } catch (ScannerUnavailable | RuntimeException e) {
                        // A scanner bug is treated like an engine that could not answer: the
                        // policy decides, so a broken virus scanner never lets mail pass unscanned.
                        down = alarm.spent() ? overBudget()
                                : e instanceof ScannerUnavailable ? e.getMessage() : "internal error";
                        LOG.warning("scanner " + scanner.name() + " unavailable: " + e);
                    }
                }
                if (down != null) {
                    EngineDown rule = virusEngine ? policy.virusEngineDown() : policy.spamEngineDown();
                    Reason skipped = new Reason(engineDownRule(scanner), 0, down);
                    if (rule == EngineDown.TEMPFAIL) {
                        return new Verdict(Verdict.Action.TEMPFAIL, 0, List.of(skipped), false);
                    }
                    reasons.add(skipped);
                }
            }
        }
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
            reasons.add(new Reason("RECIPIENT_BLOCKLISTED", 100, lists.recipientsBlockedBy().get()));
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
                        : score >= policy.quarantineThreshold() ? Verdict.Action.QUARANTINE : Verdict.Action.DELIVER;
        return new Verdict(action, score, reasons, false);
    }

    private String overBudget() {
        return "scan time budget of " + budget.toMillis() + " ms spent (FILTERMX_SCAN_TIME_BUDGET)";
    }

    private static String engineDownRule(Scanner scanner) {
        return "ENGINE_DOWN_" + scanner.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
