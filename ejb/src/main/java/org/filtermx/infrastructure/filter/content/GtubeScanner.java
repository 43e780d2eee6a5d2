package org.filtermx.infrastructure.filter.content;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;

/**
 * Recognises the Generic Test for Unsolicited Bulk Email, the pattern senders and operators put in
 * a message to check end to end that spam handling works, in the raw bytes or the decoded text.
 */
public final class GtubeScanner implements Scanner {

    /** The pattern as published by SpamAssassin (https://spamassassin.apache.org/gtube/). */
    public static final String GTUBE =
            "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static final byte[] PATTERN = GTUBE.getBytes(StandardCharsets.US_ASCII);

    private final GtubeSettings settings;

    public GtubeScanner(GtubeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "gtube";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        boolean found =
                contains(message.raw())
                        || (message.parsed() != null
                                && (message.parsed().textBody().contains(GTUBE)
                                        || message.parsed().htmlBody().contains(GTUBE)));
        return found ? ScanResult.of(Reason.of("GTUBE", settings.score())) : ScanResult.CLEAN;
    }

    private static boolean contains(byte[] raw) {
        if (raw == null) {
            return false;
        }
        int last = raw.length - PATTERN.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (raw[i] != PATTERN[0]) {
                continue;
            }
            for (int j = 1; j < PATTERN.length; j++) {
                if (raw[i + j] != PATTERN[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
