package org.filtermx.infrastructure.filter.external;

import java.util.Optional;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;

/**
 * clamd's answer to one {@code INSTREAM}: {@code stream: OK}, {@code stream: <signature> FOUND}, or
 * a line ending in {@code ERROR} (such as {@code INSTREAM size limit exceeded. ERROR}).
 */
record ClamdReply(String text) {

    /** The score of a virus finding; a malware verdict overrides scores anyway. */
    static final double VIRUS_SCORE = 1000;

    private static final String PREFIX = "stream: ";
    private static final String FOUND = " FOUND";

    ClamdReply {
        text = text.strip();
    }

    /** The verdict, or empty when clamd answered with an error or something unexpected. */
    Optional<ScanResult> verdict() {
        if (text.equals(PREFIX + "OK")) {
            return Optional.of(ScanResult.CLEAN);
        }
        if (text.startsWith(PREFIX) && text.endsWith(FOUND)) {
            String signature = text.substring(PREFIX.length(), text.length() - FOUND.length());
            if (!signature.isBlank()) {
                return Optional.of(
                        ScanResult.malware(new Reason("VIRUS_FOUND", VIRUS_SCORE, signature)));
            }
        }
        return Optional.empty();
    }
}
