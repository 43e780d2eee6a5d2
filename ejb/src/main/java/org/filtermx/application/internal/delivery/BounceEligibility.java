package org.filtermx.application.internal.delivery;

import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Whether a message that later fails delivery may be reported to its reverse-path. A DSN goes to an
 * address anyone can forge, so mail whose sender is likely forged or that looked like spam gets
 * none: otherwise FilterMX reflects an attacker's mail to a third party (backscatter). Decided at
 * intake from the full verdict, kept with the spooled part, read when a recipient fails.
 */
public final class BounceEligibility {

    private BounceEligibility() {}

    /**
     * Why no DSN may be sent for a part with this verdict under this policy, or null when one may:
     * SPF {@code fail} (RFC 7208 section 2.6.4: the domain says the client may not use it), any
     * DMARC failure (the author domain is not authenticated, whatever its policy), a score at or
     * above the quarantine threshold or a verdict other than deliver (it scored as spam; a release
     * from the quarantine does not change that), or mail whose recipient list skipped the spam
     * filters (nothing was checked).
     */
    public static String withheldBecause(Verdict verdict, FilterPolicy policy) {
        if (verdict == null) {
            return null;
        }
        for (Reason r : verdict.reasons()) {
            String rule = r.rule();
            if (rule.equals("SPF_FAIL") || rule.startsWith("DMARC_FAIL")) {
                return "sender authentication failed (" + rule + ")";
            }
            if (rule.equals("RECIPIENT_ALLOWLISTED")) {
                return "not spam-filtered (recipient allow-listed)";
            }
        }
        if (verdict.action() != Verdict.Action.DELIVER) {
            return "scored as spam (" + LowerCase.of(verdict.action().name()) + ")";
        }
        if (verdict.score() >= policy.quarantineThreshold()) {
            return "scored as spam (" + verdict.formattedScore() + ")";
        }
        return null;
    }
}
