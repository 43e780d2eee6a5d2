package org.filtermx.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;

/**
 * The reasons the scanners gave one message and their sum, collected as {@code FilterPipeline} does
 * under the default policy (no allow or block list): a scanner that cannot answer is skipped with a
 * zero-score {@code ENGINE_DOWN_*} reason, and malware is flagged apart, since it is refused
 * whatever the score. The sum is of the fused scores, with the shipped weights and no learnt
 * increments (ADR 0019), as a fresh server scores.
 */
final class ScoreSheet {

    /** The shipped fusion, as the server starts with it. */
    static final ScoreFusion SHIPPED = LearnedScoreFusion.shipped(null);

    private final List<Reason> reasons = new ArrayList<>();
    private boolean malware;

    /** Runs {@code scanner} over {@code message} and records what it found. */
    void add(Scanner scanner, MessageUnderScan message) {
        try {
            ScanResult result = scanner.scan(message);
            reasons.addAll(result.reasons());
            malware |= result.malware();
        } catch (ScannerUnavailable | RuntimeException e) {
            reasons.add(new Reason(engineDownRule(scanner), 0, e.getMessage()));
        }
    }

    /** The reasons as the scanners gave them, with their own scores. */
    List<Reason> reasons() {
        return reasons;
    }

    /** The reasons with the scores that count: their fused contributions. */
    List<Reason> fused() {
        return SHIPPED.fuse(reasons);
    }

    double score() {
        return fused().stream().mapToDouble(Reason::score).sum();
    }

    boolean malware() {
        return malware;
    }

    private static String engineDownRule(Scanner scanner) {
        return "ENGINE_DOWN_"
                + scanner.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
