package org.filtermx.bench;

import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reasons the scanners gave one message and their sum, collected as {@code FilterPipeline} does
 * under the default policy (no allow or block list): a scanner that cannot answer is skipped with a
 * zero-score {@code ENGINE_DOWN_*} reason, and malware is flagged apart, since it is refused
 * whatever the score.
 */
final class ScoreSheet {

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

    List<Reason> reasons() {
        return reasons;
    }

    double score() {
        return reasons.stream().mapToDouble(Reason::score).sum();
    }

    boolean malware() {
        return malware;
    }

    private static String engineDownRule(Scanner scanner) {
        return "ENGINE_DOWN_"
                + scanner.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
