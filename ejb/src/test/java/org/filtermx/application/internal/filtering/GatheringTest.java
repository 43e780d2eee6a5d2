package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The training queue's gathering rules on a clock of plain numbers: a lone message waits a quiet
 * second, a steady stream waits at most {@value Gathering#MAX_MILLIS} ms, a batch's worth goes at
 * once, and nothing nudged means no wait.
 */
class GatheringTest {

    private final Gathering gathering = new Gathering(1000);

    @Test
    void nothingNudgedMeansTheWorkerLooksAtOnce() {
        assertThat(gathering.pending()).isFalse();
        assertThat(gathering.delay(5_000)).isZero();
    }

    @Test
    void aLoneMessageIsTakenAfterAQuietSecond() {
        gathering.nudged(10_000);

        assertThat(gathering.pending()).isTrue();
        assertThat(gathering.delay(10_000)).isEqualTo(Gathering.QUIET_MILLIS);
        assertThat(gathering.delay(10_400)).isEqualTo(600);
        assertThat(gathering.delay(11_000)).isZero();
        assertThat(gathering.delay(30_000)).isZero();
    }

    @Test
    void eachNudgeRestartsTheQuietSecond() {
        gathering.nudged(0);
        gathering.nudged(700);

        assertThat(gathering.delay(1_000)).isEqualTo(700);
        assertThat(gathering.delay(1_700)).isZero();
    }

    @Test
    void aSteadyStreamIsTakenAfterTheLongestWaitOfItsFirstMessage() {
        long now = 0;
        for (int i = 0; i < 400; i++) { // 40 per second, never a quiet second
            gathering.nudged(now);
            assertThat(gathering.delay(now)).isPositive();
            now += 25;
        }
        gathering.nudged(Gathering.MAX_MILLIS - 1);
        assertThat(gathering.delay(Gathering.MAX_MILLIS - 1)).isEqualTo(1);
        assertThat(gathering.delay(Gathering.MAX_MILLIS)).isZero();
    }

    @Test
    void aBatchsWorthIsTakenAtOnce() {
        Gathering small = new Gathering(3);
        small.nudged(0);
        small.nudged(1);
        assertThat(small.delay(2)).isPositive();

        small.nudged(2);

        assertThat(small.delay(2)).isZero();
    }

    @Test
    void takingABatchStartsANewGathering() {
        gathering.nudged(0);
        gathering.nudged(9_000);
        gathering.taken();

        assertThat(gathering.pending()).isFalse();
        assertThat(gathering.delay(9_500)).isZero();

        gathering.nudged(9_600);

        assertThat(gathering.delay(9_600)).isEqualTo(Gathering.QUIET_MILLIS);
        assertThat(gathering.delay(9_600 + Gathering.QUIET_MILLIS)).isZero();
    }
}
