package org.filtermx.application.internal.whatif;

import org.filtermx.application.QuarantineEntry;
import org.filtermx.application.port.LoggedVerdict;

/**
 * "Would have been delivered at threshold X" for a held message's page: only for a message held by
 * its score, not by a list match or a virus, whose outcome no threshold changes.
 */
public final class HeldByScore {

    private HeldByScore() {}

    /** The lowest hold threshold at which {@code held} would have passed, or null. */
    public static Double deliveredAtThreshold(QuarantineEntry held) {
        if (!"QUARANTINE".equals(held.verdict())) {
            return null;
        }
        int flags = LoggedVerdict.flagsOf(held.reasons());
        if (flags != 0) {
            return null;
        }
        return Rejudge.deliveredAtThreshold(held.score());
    }
}
