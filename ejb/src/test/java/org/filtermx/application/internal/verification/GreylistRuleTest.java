package org.filtermx.application.internal.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.filtermx.application.internal.verification.GreylistRule.Step;
import org.filtermx.domain.model.verification.GreylistRepository.Triplet;
import org.junit.jupiter.api.Test;

class GreylistRuleTest {

    private static final Duration DELAY = Duration.ofMinutes(5);
    private static final Instant FIRST = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aNewTripletIsDeferred() {
        assertThat(GreylistRule.decide(Optional.empty(), false, FIRST, DELAY)).isEqualTo(Step.NEW);
    }

    @Test
    void aRetryBeforeTheDelayIsDeferredWithTheTimeLeft() {
        Instant now = FIRST.plusSeconds(120);
        assertThat(GreylistRule.decide(Optional.of(new Triplet(FIRST, null)), false, now, DELAY))
                .isEqualTo(Step.TOO_EARLY);
        assertThat(GreylistRule.secondsLeft(FIRST, now, DELAY)).isEqualTo(180);
    }

    @Test
    void theFirstRetryAfterTheDelayPassesAndLaterOnesPassAtOnce() {
        assertThat(
                        GreylistRule.decide(
                                Optional.of(new Triplet(FIRST, null)),
                                false,
                                FIRST.plus(DELAY),
                                DELAY))
                .isEqualTo(Step.FIRST_PASS);
        assertThat(
                        GreylistRule.decide(
                                Optional.of(new Triplet(FIRST, FIRST.plus(DELAY))),
                                false,
                                FIRST.plus(DELAY).plusSeconds(1),
                                DELAY))
                .isEqualTo(Step.PASSED);
    }

    @Test
    void aWhitelistedSubnetIsNeverDeferred() {
        assertThat(GreylistRule.decide(Optional.empty(), true, FIRST, DELAY))
                .isEqualTo(Step.WHITELISTED);
    }
}
