package org.filtermx.application.internal.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.filtermx.application.WhatIfService.Outcome;
import org.filtermx.application.port.LoggedVerdict;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.ListAction;
import org.filtermx.domain.model.filter.FilterListEntry.MatchOn;
import org.filtermx.domain.model.filter.FilterListEntry.OwnerType;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicy.EngineDown;
import org.junit.jupiter.api.Test;

class RejudgeTest {

    private static final FilterPolicy DEFAULTS = FilterPolicy.DEFAULTS;

    private static FilterPolicy thresholds(double hold, double refuse) {
        return new FilterPolicy(
                hold, refuse, Set.of(), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);
    }

    private static LoggedVerdict scored(double score, String reasons) {
        return LoggedVerdict.of(
                1, "example.com", score, LoggedVerdict.flagsOf(reasons), "a@spam.example");
    }

    private static FilterListEntry entry(ListAction action, String pattern) {
        return new FilterListEntry(
                OwnerType.DOMAIN, "example.com", action, MatchOn.SENDER, pattern);
    }

    @Test
    void theScoreDecidesAtOrAboveEachThreshold() {
        assertThat(Rejudge.byScore(4.9, 5, 15)).isEqualTo(Outcome.DELIVERED);
        assertThat(Rejudge.byScore(5.0, 5, 15)).isEqualTo(Outcome.HELD);
        assertThat(Rejudge.byScore(14.9, 5, 15)).isEqualTo(Outcome.HELD);
        assertThat(Rejudge.byScore(15.0, 5, 15)).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void aLowerHoldThresholdHoldsWhatWasDelivered() {
        LoggedVerdict v = scored(4.2, "BAYES_80 +4.2");
        assertThat(Rejudge.outcome(v, DEFAULTS, List.of())).isEqualTo(Outcome.DELIVERED);
        assertThat(Rejudge.outcome(v, thresholds(4.0, 15), List.of())).isEqualTo(Outcome.HELD);
        assertThat(Rejudge.outcome(v, thresholds(2.0, 4.2), List.of())).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void malwareStaysRefusedWhateverTheThresholdsOrLists() {
        LoggedVerdict v = scored(100, "VIRUS_FOUND +100.0 (Eicar-Signature)");
        assertThat(
                        Rejudge.outcome(
                                v,
                                thresholds(200, 300),
                                List.of(entry(ListAction.ALLOW, "spam.example"))))
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void anAllowListedSenderStaysDeliveredEvenWithANewBlock() {
        LoggedVerdict v =
                scored(30, "BAYES_99 +30.0, SENDER_ALLOWLISTED +0.0 (domain example.com)");
        assertThat(Rejudge.outcome(v, DEFAULTS, List.of(entry(ListAction.BLOCK, "a@spam.example"))))
                .isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void aNewSenderBlockRefusesAndANewAllowDelivers() {
        LoggedVerdict low = scored(1, "HEADERS_X +1.0");
        assertThat(Rejudge.outcome(low, DEFAULTS, List.of(entry(ListAction.BLOCK, "spam.example"))))
                .isEqualTo(Outcome.REFUSED);
        assertThat(
                        Rejudge.outcome(
                                low, DEFAULTS, List.of(entry(ListAction.BLOCK, "other.example"))))
                .isEqualTo(Outcome.DELIVERED);
        LoggedVerdict blocked = scored(101, "SENDER_BLOCKLISTED +100.0 (domain x), BAYES +1.0");
        assertThat(
                        Rejudge.outcome(
                                blocked,
                                DEFAULTS,
                                List.of(entry(ListAction.ALLOW, "@spam.example"))))
                .isEqualTo(Outcome.DELIVERED);
        assertThat(Rejudge.outcome(blocked, thresholds(500, 600), List.of()))
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void anAllowListedRecipientIsDeliveredUnlessTheSenderIsNewlyBlocked() {
        LoggedVerdict v = scored(0, "RECIPIENT_ALLOWLISTED +0.0 (spam filtering skipped)");
        assertThat(Rejudge.outcome(v, thresholds(-5, 0), List.of())).isEqualTo(Outcome.DELIVERED);
        assertThat(Rejudge.outcome(v, DEFAULTS, List.of(entry(ListAction.BLOCK, "spam.example"))))
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void theThresholdOfDeliveryIsTheNextTenthAboveTheScore() {
        assertThat(Rejudge.deliveredAtThreshold(6.23)).isEqualTo(6.3);
        assertThat(Rejudge.deliveredAtThreshold(6.2)).isEqualTo(6.3);
        assertThat(Rejudge.deliveredAtThreshold(5.0)).isEqualTo(5.1);
        double x = Rejudge.deliveredAtThreshold(7.99);
        assertThat(Rejudge.byScore(7.99, x, 15)).isEqualTo(Outcome.DELIVERED);
        assertThat(Rejudge.byScore(7.99, x - 0.1, 15)).isEqualTo(Outcome.HELD);
    }
}
