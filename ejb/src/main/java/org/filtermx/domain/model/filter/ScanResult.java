package org.filtermx.domain.model.filter;

import java.util.List;

/**
 * What one scanner found: its scored reasons, and whether it found malware (a virus verdict
 * overrides scores).
 */
public record ScanResult(List<Reason> reasons, boolean malware) {

    public static final ScanResult CLEAN = new ScanResult(List.of(), false);

    public ScanResult {
        reasons = List.copyOf(reasons);
    }

    public static ScanResult of(Reason... reasons) {
        return new ScanResult(List.of(reasons), false);
    }

    public static ScanResult malware(Reason reason) {
        return new ScanResult(List.of(reason), true);
    }
}
