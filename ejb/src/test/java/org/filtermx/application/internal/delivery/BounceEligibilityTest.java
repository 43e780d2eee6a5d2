package org.filtermx.application.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.filter.Verdict.Action;
import org.junit.jupiter.api.Test;

class BounceEligibilityTest {

    private static Verdict verdict(Action action, double score, Reason... reasons) {
        return new Verdict(action, score, List.of(reasons), false);
    }

    @Test
    void cleanMailFromAnAuthenticatedSenderMayBeBounced() {
        Verdict clean =
                verdict(
                        Action.DELIVER,
                        0.5,
                        new Reason("SPF_PASS", -0.5, ""),
                        new Reason("DMARC_PASS", 0, ""));
        assertThat(BounceEligibility.withheldBecause(clean, FilterPolicy.DEFAULTS)).isNull();
    }

    @Test
    void failedSpfOrAnyDmarcFailureWithholdsTheDsn() {
        assertThat(
                        BounceEligibility.withheldBecause(
                                verdict(Action.DELIVER, 3.5, new Reason("SPF_FAIL", 3.5, "-all")),
                                FilterPolicy.DEFAULTS))
                .contains("SPF_FAIL");
        assertThat(
                        BounceEligibility.withheldBecause(
                                verdict(Action.DELIVER, 0, new Reason("DMARC_FAIL_NONE", 0, "")),
                                FilterPolicy.DEFAULTS))
                .contains("DMARC_FAIL_NONE");
        assertThat(
                        BounceEligibility.withheldBecause(
                                verdict(Action.DELIVER, 0.1, new Reason("SPF_SOFTFAIL", 0.1, "")),
                                FilterPolicy.DEFAULTS))
                .as("softfail is not a fail")
                .isNull();
    }

    @Test
    void spamScoredMailGetsNoDsnEvenWhenAllowListed() {
        Verdict allowed =
                verdict(
                        Action.DELIVER,
                        12,
                        new Reason("BAYES_99", 12, ""),
                        new Reason("SENDER_ALLOWLISTED", 0, "user allow"));
        assertThat(BounceEligibility.withheldBecause(allowed, FilterPolicy.DEFAULTS))
                .startsWith("scored as spam");
        assertThat(
                        BounceEligibility.withheldBecause(
                                verdict(Action.QUARANTINE, 6), FilterPolicy.DEFAULTS))
                .startsWith("scored as spam");
    }

    @Test
    void mailThatSkippedTheSpamFiltersGetsNoDsn() {
        Verdict unfiltered = verdict(Action.DELIVER, 0, new Reason("RECIPIENT_ALLOWLISTED", 0, ""));
        assertThat(BounceEligibility.withheldBecause(unfiltered, FilterPolicy.DEFAULTS))
                .contains("not spam-filtered");
    }
}
